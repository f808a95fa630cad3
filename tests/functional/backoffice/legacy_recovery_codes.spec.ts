import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import InvalidateLegacyRecoveryCodes from '#database/migrations/0510_invalidate_legacy_recovery_codes'
import { findRecoveryCode, generateRecoveryCodes, hashRecoveryCode } from '#domain/staff/recovery_codes'
import { createStaff, staffRow } from '#tests/helpers/staff'

test.group('Migration 0510: legacy recovery codes', () => {
  test('removes old-format hashes from enrolled staff and keeps current ones', async ({ assert }) => {
    const legacyHash = createHash('sha256').update('abcdefghjk').digest('hex')
    const [current] = generateRecoveryCodes(1)
    const { staff: mixed } = await createStaff({ enrolled: true })
    const { staff: onlyLegacy } = await createStaff({ enrolled: true })
    const { staff: untouched, recoveryCodes } = await createStaff({ enrolled: true })
    await db.from('staff_users').where('id', mixed.id).update({ recovery_codes: JSON.stringify([legacyHash, hashRecoveryCode(current)]) })
    await db.from('staff_users').where('id', onlyLegacy.id).update({ recovery_codes: JSON.stringify([legacyHash]) })

    await new InvalidateLegacyRecoveryCodes(db.connection(), 'memory', false).execUp()

    assert.deepEqual((await staffRow(mixed.id)).recovery_codes, [hashRecoveryCode(current)])
    assert.deepEqual((await staffRow(onlyLegacy.id)).recovery_codes, [])
    const kept = (await staffRow(untouched.id)).recovery_codes
    assert.lengthOf(kept, 10)
    assert.isNotNull(findRecoveryCode(kept, recoveryCodes[0]))
  })
})
