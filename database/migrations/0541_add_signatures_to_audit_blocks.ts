import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every block the sealer writes from now on carries an Ed25519 signature
 * of "strongroom/audit-block/v1\n<id>\n<block_hash>" made with a key kept
 * outside the database (AUDIT_SIGNING_KEY, app/services/audit/audit_signing_keys.ts),
 * and the id of that key. Blocks sealed before this migration stay unsigned;
 * `node ace audit:verify` reports an unsigned block after a signed one as a
 * break. The table stays append-only: the signature is written with the row.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      alter table audit_blocks
        add column signature text,
        add column signing_key_id varchar(40),
        add constraint audit_blocks_signature_with_key check ((signature is null) = (signing_key_id is null))
    `)
  }

  async down() {
    this.schema.raw(`
      alter table audit_blocks
        drop constraint if exists audit_blocks_signature_with_key,
        drop column if exists signature,
        drop column if exists signing_key_id
    `)
  }
}
