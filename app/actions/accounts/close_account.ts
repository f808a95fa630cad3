import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Account from '#models/account'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { lockCustomerAccount, statusSnapshot } from '#services/ledger/account_row_lock'
import AccountClosedException from '#exceptions/account_closed_exception'
import AccountBalanceNotZeroException from '#exceptions/account_balance_not_zero_exception'
import AccountHasActiveHoldsException from '#exceptions/account_has_active_holds_exception'

export interface CloseAccountInput {
  accountId: number
  reason: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Closes an account at a zero balance with no active holds. The row lock
 * makes the checks hold until commit: postings lock (cash, holds) or
 * re-check (transfer credit: status <> 'closed') the same row, so nothing
 * lands on the account once it is closed.
 * Throws: AccountNotFound, AccountClosed, AccountBalanceNotZero, AccountHasActiveHolds.
 */
export default class CloseAccount {
  async handle(input: CloseAccountInput): Promise<Account> {
    return db.transaction(async (trx) => {
      const account = await lockCustomerAccount(trx, input.accountId)
      if (account.status === 'closed') throw new AccountClosedException('The account is already closed.')
      const holds = await trx.from('holds').where({ account_id: account.id, status: 'active' }).count('* as n')
      if (Number(holds[0].n) > 0) throw new AccountHasActiveHoldsException()
      if (account.balance !== 0n || account.available !== 0n) throw new AccountBalanceNotZeroException()

      const before = statusSnapshot(account)
      account.useTransaction(trx)
      account.merge({ status: 'closed', statusReason: input.reason, closedAt: DateTime.now() })
      await account.save()
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'account.closed',
          subject: { type: 'account', id: account.id },
          before,
          after: statusSnapshot(account),
          metadata: { reason: input.reason },
          ...input.context,
        },
        trx
      )
      return account
    })
  }
}
