import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type Account from '#models/account'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { lockCustomerAccount, statusSnapshot } from '#services/ledger/account_row_lock'
import NotifyCustomer from '#actions/notifications/notify_customer'
import { accountEnding } from '#domain/notifications/format'
import AccountNotFrozenException from '#exceptions/account_not_frozen_exception'

export interface UnfreezeAccountInput {
  accountId: number
  reason: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Lifts a freeze: the account is active again. Row lock, status change and
 * audit row (before / after, reason) in one transaction, with the
 * customer's 'account_unfrozen' notification enqueued there too.
 * Throws: AccountNotFound, AccountNotFrozen.
 */
@inject()
export default class UnfreezeAccount {
  constructor(private notify: NotifyCustomer) {}

  async handle(input: UnfreezeAccountInput): Promise<Account> {
    return db.transaction(async (trx) => {
      const account = await lockCustomerAccount(trx, input.accountId)
      if (account.status !== 'frozen') throw new AccountNotFrozenException()
      const before = statusSnapshot(account)
      account.useTransaction(trx)
      account.merge({ status: 'active', statusReason: input.reason })
      await account.save()
      const auditId = await AuditTrail.record(
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
      if (account.customerId !== null) {
        await this.notify.handle({
          trx, customerId: account.customerId, event: 'account_unfrozen', dedupeKey: String(auditId),
          data: { accountEnding: accountEnding(account.number) },
        })
      }
      return account
    })
  }
}
