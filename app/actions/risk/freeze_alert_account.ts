import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type Account from '#models/account'
import RiskAlert from '#models/risk_alert'
import type StaffUser from '#models/staff_user'
import FreezeAccount from '#actions/accounts/freeze_account'
import UnfreezeAccount from '#actions/accounts/unfreeze_account'
import type { RequestContext } from '#domain/audit/actor'
import { alertStepAllowed } from '#domain/risk/alert_status'
import { lockAlert, recordAlertActivity } from '#actions/risk/alert_activity'
import AlertStepRefusedException from '#exceptions/alert_step_refused_exception'
import AlertSubjectMissingException from '#exceptions/alert_subject_missing_exception'

export interface FreezeAlertAccountInput {
  alertId: number
  freeze: boolean
  reason: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Freezes (or unfreezes) the account an alert is about, through the
 * accounts module's FreezeAccount / UnfreezeAccount (their own
 * transaction, row lock and account.frozen / account.unfrozen audit row),
 * then notes it on the alert's history (risk.alert.account.frozen).
 * Throws: AlertSubjectMissing, AlertStepRefused, and what FreezeAccount /
 * UnfreezeAccount throw (AccountAlreadyFrozen, AccountNotFrozen, AccountClosed).
 */
@inject()
export default class FreezeAlertAccount {
  constructor(
    private freezeAccount: FreezeAccount,
    private unfreezeAccount: UnfreezeAccount
  ) {}

  async handle(input: FreezeAlertAccountInput): Promise<Account> {
    const step = input.freeze ? 'freeze' : 'unfreeze'
    const alert = await RiskAlert.findOrFail(input.alertId)
    if (!alert.accountId) throw new AlertSubjectMissingException('account')
    if (!alertStepAllowed(alert.status, step)) throw new AlertStepRefusedException(alert.status, step)

    const change = { accountId: alert.accountId, reason: input.reason, staff: input.staff, context: input.context }
    const account = input.freeze ? await this.freezeAccount.handle(change) : await this.unfreezeAccount.handle(change)
    await db.transaction(async (trx) => {
      const locked = await lockAlert(trx, alert.id, 'note')
      await recordAlertActivity(trx, {
        alert: locked,
        staff: input.staff,
        action: input.freeze ? 'account.frozen' : 'account.unfrozen',
        note: input.reason,
        details: { account_id: String(account.id), account_number: account.number },
        context: input.context,
      })
    })
    return account
  }
}
