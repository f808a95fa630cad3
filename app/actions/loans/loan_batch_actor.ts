import type { Actor } from '#domain/audit/actor'

/** Who the loans batch jobs (loans:collect) act as in the ledger and the audit trail */
export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'loans' }
