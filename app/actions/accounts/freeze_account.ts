import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type Account from '#models/account'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { lockCustomerAccount, statusSnapshot } from '#services/ledger/account_row_lock'
import NotifyCustomer from '#actions/notifications/notify_customer'
import { accountEnding } from '#domain/notifications/format'
import AccountAlreadyFrozenException from '#exceptions/account_already_frozen_exception'
import AccountClosedException from '#exceptions/account_closed_exception'

export interface FreezeAccountInput {
  accountId: number
  reason: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Freezes an active account: the ledger functions then refuse every debit
 * (credits still land). Row lock, status change and audit row (before /
 * after, reason) in one transaction, with the customer's 'account_frozen'
 * notification enqueued there too (the staff reason is never shown to them).
 * Throws: AccountNotFound, AccountClosed, AccountAlreadyFrozen.
 */
@inject()
export default class FreezeAccount {
  constructor(private notify: NotifyCustomer) {}

  async handle(input: FreezeAccountInput): Promise<Account> {
    return db.transaction(async (trx) => {
      const account = await lockCustomerAccount(trx, input.accountId)
      if (account.status === 'closed') throw new AccountClosedException()
      if (account.status === 'frozen') throw new AccountAlreadyFrozenException()
      const before = statusSnapshot(account)
      account.useTransaction(trx)
      account.merge({ status: 'frozen', statusReason: input.reason })
      await account.save()
      const auditId = await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'account.frozen',
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
          trx, customerId: account.customerId, event: 'account_frozen', dedupeKey: String(auditId),
          data: { accountEnding: accountEnding(account.number) },
        })
      }
      return account
    })
  }
}
