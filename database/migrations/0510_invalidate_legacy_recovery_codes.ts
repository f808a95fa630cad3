import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Recovery codes issued before the v2 format (2 x 5 characters, ~49.5 bits,
 * stored as unsalted sha256) are removed from every staff row: such a hash
 * could be reversed offline in hours. Staff keep their TOTP and generate
 * new codes (5 x 5 characters, ~124 bits, `v2$` hashes) under "My account";
 * `findRecoveryCode` never matches an old entry anyway. Not reversible:
 * `down` leaves the codes as they are.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `update staff_users
          set recovery_codes = coalesce((
                select jsonb_agg(entry) from jsonb_array_elements(recovery_codes) as entry
                 where entry #>> '{}' like 'v2$%'
              ), '[]'::jsonb),
              updated_at = now()
        where jsonb_typeof(recovery_codes) = 'array'
          and exists (select 1 from jsonb_array_elements(recovery_codes) as entry
                       where entry #>> '{}' not like 'v2$%')`
    )
  }

  async down() {}
}
