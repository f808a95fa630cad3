import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { blockHash, GENESIS_HASH } from '#domain/audit/block_hash'

const rowA = 'a'.repeat(64)
const rowB = '0123456789abcdef'.repeat(4)

test.group('Audit block hash', () => {
  test('the genesis prev_hash is 64 zeros', ({ assert }) => {
    assert.equal(GENESIS_HASH, '0000000000000000000000000000000000000000000000000000000000000000')
  })

  test('equals PostgreSQL sha256 of prev_hash followed by the row hashes', async ({ assert }) => {
    const { rows } = await db.rawQuery("select encode(sha256(convert_to(? || ? || ?, 'UTF8')), 'hex') as h", [
      GENESIS_HASH,
      rowA,
      rowB,
    ])
    assert.equal(blockHash(GENESIS_HASH, [rowA, rowB]), rows[0].h)
    assert.equal(blockHash(GENESIS_HASH, rowA + rowB), rows[0].h)
  })

  test('depends on the order of the rows and on the previous block', ({ assert }) => {
    const base = blockHash(GENESIS_HASH, [rowA, rowB])
    assert.notEqual(blockHash(GENESIS_HASH, [rowB, rowA]), base)
    assert.notEqual(blockHash(rowA, [rowA, rowB]), base)
    assert.equal(base, createHash('sha256').update(GENESIS_HASH + rowA + rowB).digest('hex'))
  })
})
