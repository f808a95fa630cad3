import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Adapter, AdapterPayload } from 'oidc-provider'
import { partnerClientMetadata } from '#services/oauth/partner_clients'

/**
 * oidc-provider's storage in PostgreSQL (table oauth_records, migration
 * 0650): one jsonb row per model and id. Shared by every web process, so
 * a flow may start on one instance and finish on another.
 *
 * - Ids are stored as their SHA-256: an opaque access token, a refresh
 *   token or a code IS its id, and a copy of the table must not hold one.
 * - Expired rows are invisible at once and deleted by the daily prune job
 *   (`pruneExpired`, maintenance.prune).
 * - `consume` marks single-use artefacts (codes): the library refuses a
 *   consumed code and revokes what was issued from it.
 * - Clients are not stored here: the model "Client" reads the partners
 *   table (#services/oauth/partner_clients), so a suspended partner is an
 *   unknown client on its next request.
 */
export class PostgresOAuthAdapter implements Adapter {
  constructor(private model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
    await db.rawQuery(
      `insert into oauth_records (model, id, payload, grant_id, uid, user_code, expires_at)
       values (?, ?, ?, ?, ?, ?, case when ?::int is null then null else now() + make_interval(secs => ?::int) end)
       on conflict (model, id) do update
         set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
             user_code = excluded.user_code, expires_at = excluded.expires_at`,
      [
        this.model, storedId(id), JSON.stringify(payload), payload.grantId ?? null, payload.uid ?? null,
        payload.userCode ?? null, expiresIn ?? null, expiresIn ?? null,
      ]
    )
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return partnerClientMetadata(id)
    return this.findWhere('id = ?', storedId(id))
  }

  findByUid(uid: string) {
    return this.findWhere('uid = ?', uid)
  }

  findByUserCode(userCode: string) {
    return this.findWhere('user_code = ?', userCode)
  }

  async consume(id: string) {
    await db.rawQuery(
      `update oauth_records set consumed_at = now() where model = ? and id = ? and consumed_at is null`,
      [this.model, storedId(id)]
    )
  }

  async destroy(id: string) {
    await db.rawQuery('delete from oauth_records where model = ? and id = ?', [this.model, storedId(id)])
  }

  async revokeByGrantId(grantId: string) {
    await db.rawQuery('delete from oauth_records where grant_id = ?', [grantId])
  }

  private async findWhere(condition: string, value: string): Promise<AdapterPayload | undefined> {
    const { rows } = await db.rawQuery(
      `select payload, extract(epoch from consumed_at)::bigint as consumed
         from oauth_records
        where model = ? and ${condition} and (expires_at is null or expires_at > now())
        limit 1`,
      [this.model, value]
    )
    if (!rows[0]) return undefined
    const payload = rows[0].payload as AdapterPayload
    return rows[0].consumed === null ? payload : { ...payload, consumed: Number(rows[0].consumed) }
  }
}

/** The row id of an artefact id: SHA-256, base64url (43 characters) */
function storedId(id: string): string {
  return createHash('sha256').update(id).digest('base64url')
}

/**
 * Records `key` once within `model` until `expiresAt` (DPoP proof ids at the
 * resource server): false when it was already recorded, including by a
 * concurrent request.
 */
export async function recordOnce(model: string, key: string, expiresInSeconds: number): Promise<boolean> {
  const { rows } = await db.rawQuery(
    `insert into oauth_records (model, id, payload, expires_at)
     values (?, ?, '{}', now() + make_interval(secs => ?::int))
     on conflict (model, id) do update set payload = excluded.payload, expires_at = excluded.expires_at
       where oauth_records.expires_at <= now()
     returning 1`,
    [model, storedId(key), expiresInSeconds]
  )
  return rows.length === 1
}

/** Deletes rows that expired more than a day ago (maintenance.prune); returns how many */
export async function pruneExpired(): Promise<number> {
  const result = await db.rawQuery(`delete from oauth_records where expires_at < now() - interval '1 day'`)
  return result.rowCount ?? 0
}

/**
 * Ends everything issued under a grant (its tokens, codes and the grant
 * itself) in the caller's transaction: a revoked consent's tokens stop
 * working when it commits, on every instance.
 */
export async function revokeGrant(trx: TransactionClientContract, grantId: string) {
  await trx.rawQuery(`delete from oauth_records where grant_id = ? or (model = 'Grant' and id = ?)`, [
    grantId,
    storedId(grantId),
  ])
}
