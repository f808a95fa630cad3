import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { replicaRetryMs } from '#config/database'
import { isDatabaseUnavailable } from '#services/database/database_availability'
import { REPLICA_CONNECTION } from '#services/database/replica_location'

/**
 * The heavy reads (statements and their CSV, the dashboard, the loan
 * portfolio and its CSV, the audit trail list) ask here for the client to
 * read with: the streaming replica when one is configured (config/database.ts),
 * otherwise the primary. Everything else, every write and every transaction
 * (money movements lock and read on the primary), never comes here.
 *
 * Consistency: a replica lags the primary by its replay delay (usually
 * milliseconds), so what these pages show may miss the last moments of
 * writes. Reads whose request has just written (redirect after a post) or
 * that decide anything stay on the primary.
 *
 * While the replica fails (down, restarting, unreachable, or a query
 * cancelled by a recovery conflict) the read is done again on the primary,
 * and the primary serves the heavy reads for DB_REPLICA_RETRY_MS before the
 * replica is tried again: a friendlier answer than 503, at the price of
 * load on the primary while the replica is away. A warning is logged once
 * per fallback period.
 */
let replicaAvoidedUntil = 0

/** The client for a heavy read: the replica when configured and not avoided after a failure, else the primary */
export function readReplica(): QueryClientContract {
  if (db.manager.has(REPLICA_CONNECTION) && Date.now() >= replicaAvoidedUntil) {
    return db.connection(REPLICA_CONNECTION)
  }
  return db.connection()
}

/**
 * Runs `read` with readReplica()'s client; when the replica cannot serve it,
 * runs it again on the primary. `read` must only read (it may run twice).
 */
export async function onReadReplica<T>(read: (client: QueryClientContract) => Promise<T>): Promise<T> {
  const client = readReplica()
  if (client.connectionName !== REPLICA_CONNECTION) return read(client)
  try {
    return await read(client)
  } catch (error) {
    if (!replicaCannotServe(error)) throw error
    avoidReplica(error)
    return read(db.connection())
  }
}

/**
 * Down or unreachable (the same list as the 503 of the primary), or a
 * standby cancelling the query because replay needed its rows (40001
 * "conflict with recovery"; no heavy read runs serializable, so 40001 can
 * only come from that).
 */
function replicaCannotServe(error: unknown) {
  return isDatabaseUnavailable(error) || (error as { code?: unknown })?.code === '40001'
}

function avoidReplica(error: unknown) {
  const warn = Date.now() >= replicaAvoidedUntil
  replicaAvoidedUntil = Date.now() + replicaRetryMs
  if (warn) {
    const reason = error instanceof Error ? error.message : String(error)
    logger.warn(`read replica unavailable (${reason}): heavy reads use the primary for ${replicaRetryMs} ms`)
  }
}
