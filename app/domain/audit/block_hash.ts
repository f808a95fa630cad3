import { createHash } from 'node:crypto'

/** prev_hash of the first block of the chain */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * block_hash = sha256(prev_block_hash + the members' row_hash in id order),
 * all lower-case hex, hashed as UTF-8 text. The sealer and the verifier both
 * call this single definition.
 */
export function blockHash(prevHash: string, rowHashes: Iterable<string> | string): string {
  const digest = createHash('sha256').update(prevHash, 'utf8')
  if (typeof rowHashes === 'string') {
    digest.update(rowHashes, 'utf8')
  } else {
    for (const rowHash of rowHashes) digest.update(rowHash, 'utf8')
  }
  return digest.digest('hex')
}
