import Factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import AuditBlock from '#models/audit_block'
import { blockHash, GENESIS_HASH } from '#domain/audit/block_hash'

/**
 * Sealed blocks of the audit chain, for `make()` only. audit_blocks is
 * append-only and written by one writer, the AuditSealer (it links the
 * block to the previous one and to its events through audit_seals, under
 * its advisory lock); a block inserted by anything else would break the
 * chain every verification checks. So `create()` refuses: to get real
 * blocks, record events (AuditEventFactory) and run `new AuditSealer().seal()`.
 *
 * `make()` gives a first block of one event: prev_hash the genesis hash,
 * block_hash computed from it and a random row hash (as the sealer would).
 */
export const AuditBlockFactory = Factory.define(AuditBlock, ({ faker }) => {
  const rowHash = faker.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' })
  return {
    prevHash: GENESIS_HASH,
    blockHash: blockHash(GENESIS_HASH, [rowHash]),
    firstEventId: 1,
    lastEventId: 1,
    eventCount: 1,
    sealedAt: DateTime.now(),
    signature: null,
    signingKeyId: null,
  }
})
  .before('create', () => {
    throw new Error('AuditBlockFactory: audit blocks are written by the AuditSealer only; use make(), or seal real events')
  })
  .build()
