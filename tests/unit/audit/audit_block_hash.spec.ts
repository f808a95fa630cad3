import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { blockHash, GENESIS_HASH } from '#domain/audit/block_hash'

/** Pure: the comparison with PostgreSQL's sha256 is in tests/functional/audit/block_hash.spec.ts */
const rowA = 'a'.repeat(64)
const rowB = '0123456789abcdef'.repeat(4)

test.group('Audit block hash', () => {
  test('the genesis prev_hash is 64 zeros', ({ assert }) => {
    assert.equal(GENESIS_HASH, '0000000000000000000000000000000000000000000000000000000000000000')
  })

  test('depends on the order of the rows and on the previous block', ({ assert }) => {
    const base = blockHash(GENESIS_HASH, [rowA, rowB])
    assert.notEqual(blockHash(GENESIS_HASH, [rowB, rowA]), base)
    assert.notEqual(blockHash(rowA, [rowA, rowB]), base)
    assert.equal(base, createHash('sha256').update(GENESIS_HASH + rowA + rowB).digest('hex'))
  })
})
