import { createHash, randomBytes } from 'node:crypto'
import { appUrl } from '#config/app'
import router from '@adonisjs/core/services/router'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Single-use "set your password" links (password reset, invitation).
 * The token is 32 random bytes (base64url) sent by mail; only its sha256
 * is stored (staff_password_tokens), so the table alone opens nothing.
 */
export type PasswordTokenPurpose = 'reset' | 'invitation'

export const PASSWORD_TOKEN_TTL_MINUTES: Record<PasswordTokenPurpose, number> = {
  reset: 60,
  invitation: 72 * 60,
}

export function hashPasswordToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Issues a token (earlier unused ones of the same purpose stop working) and returns it in clear */
export async function issuePasswordToken(
  trx: TransactionClientContract,
  staffId: number,
  purpose: PasswordTokenPurpose,
  now = new Date()
) {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + PASSWORD_TOKEN_TTL_MINUTES[purpose] * 60_000)
  await trx
    .from('staff_password_tokens')
    .where('staff_user_id', staffId)
    .where('purpose', purpose)
    .whereNull('used_at')
    .update({ used_at: now })
  await trx.table('staff_password_tokens').insert({
    staff_user_id: staffId,
    purpose,
    token_hash: hashPasswordToken(token),
    expires_at: expiresAt,
  })
  return { token, expiresAt }
}

/** The absolute link to the "set new password" page (APP_URL + route) */
export function passwordTokenUrl(token: string): string {
  const path = router.urlBuilder.urlFor('backoffice.password_reset.edit', { token })
  return new URL(path, appUrl).toString()
}

/** The unused, unexpired token row, locked when `trx` is given (null otherwise) */
export async function findUsablePasswordToken(
  client: TransactionClientContract | { from: TransactionClientContract['from'] },
  token: string,
  options: { lock?: boolean } = {}
) {
  const query = client
    .from('staff_password_tokens')
    .where('token_hash', hashPasswordToken(token))
    .whereNull('used_at')
    .where('expires_at', '>', new Date())
  if (options.lock) query.forUpdate()
  return (await query.first()) as
    | { id: number | string; staff_user_id: number | string; purpose: PasswordTokenPurpose }
    | null
}
