import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Account from '#models/account'
import AccountNotFoundException from '#exceptions/account_not_found_exception'

/**
 * A customer account row locked FOR UPDATE in the caller's transaction
 * (status changes serialise with the ledger functions, which lock or
 * re-check the same row). Internal accounts are not managed here.
 */
export async function lockCustomerAccount(trx: TransactionClientContract, accountId: number) {
  const account = await Account.query({ client: trx }).where('id', accountId).forUpdate().first()
  if (!account || account.kind === 'internal') throw new AccountNotFoundException()
  return account
}

/** The audit before/after of a status change */
export function statusSnapshot(account: Account) {
  return {
    status: account.status,
    status_reason: account.statusReason ?? null,
    closed_at: account.closedAt ? account.closedAt.toISO() : null,
  }
}
