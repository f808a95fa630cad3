import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { blockHash, GENESIS_HASH } from '#domain/audit/block_hash'

/**
 * The TypeScript block hash (tests/unit/audit_block_hash.spec.ts) against
 * the one PostgreSQL computes: the sealer and the verifier must agree.
 */
const rowA = 'a'.repeat(64)
const rowB = '0123456789abcdef'.repeat(4)

test.group('Audit block hash', () => {
  test('equals PostgreSQL sha256 of prev_hash followed by the row hashes', async ({ assert }) => {
    const { rows } = await db.rawQuery("select encode(sha256(convert_to(? || ? || ?, 'UTF8')), 'hex') as h", [
      GENESIS_HASH,
      rowA,
      rowB,
    ])
    assert.equal(blockHash(GENESIS_HASH, [rowA, rowB]), rows[0].h)
    assert.equal(blockHash(GENESIS_HASH, rowA + rowB), rows[0].h)
  })
})
