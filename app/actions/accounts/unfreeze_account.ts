import db from '@adonisjs/lucid/services/db'
import type Account from '#models/account'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { lockCustomerAccount, statusSnapshot } from '#services/ledger/account_row_lock'
import AccountNotFrozenException from '#exceptions/account_not_frozen_exception'

export interface UnfreezeAccountInput {
  accountId: number
  reason: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Lifts a freeze: the account is active again. Row lock, status change and
 * audit row (before / after, reason) in one transaction.
 * Throws: AccountNotFound, AccountNotFrozen.
 */
export default class UnfreezeAccount {
  async handle(input: UnfreezeAccountInput): Promise<Account> {
    return db.transaction(async (trx) => {
      const account = await lockCustomerAccount(trx, input.accountId)
      if (account.status !== 'frozen') throw new AccountNotFrozenException()
      const before = statusSnapshot(account)
      account.useTransaction(trx)
      account.merge({ status: 'active', statusReason: input.reason })
      await account.save()
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'account.unfrozen',
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
