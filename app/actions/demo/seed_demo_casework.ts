import { inject } from '@adonisjs/core'
import Account from '#models/account'
import StaffUser from '#models/staff_user'
import FreezeAccount from '#actions/accounts/freeze_account'
import SubmitCashPosting from '#actions/teller/submit_cash_posting'
import SubmitTransfer from '#actions/teller/submit_transfer'
import { Money } from '#domain/money/money'
import { DEMO_DOMAIN } from '#database/demo/demo_bank'
import type { DemoAccountKind } from '#database/demo/demo_history'
import { DEMO_PENDING_REQUESTS, demoFreezes } from '#database/demo/demo_casework'
import fourEyesConfig from '#config/four_eyes'

export interface SeedDemoCaseworkInput {
  customers: number
  /** customer index -> account kind -> account id */
  accounts: Map<number, Record<DemoAccountKind, number>>
  currency: string
}

const CONTEXT = { ip: null, requestId: 'demo-seed' }

/**
 * The open work of the demo bank (#database/demo/demo_casework), through the
 * backoffice's own actions: the compliance officer freezes accounts
 * (FreezeAccount), the teller files postings above the four-eyes limit
 * (SubmitCashPosting / SubmitTransfer), which wait in the approvals inbox.
 * Idempotent: frozen accounts are left alone, the teller's form keys replay.
 * Runs after the history (a frozen account refuses debits).
 */
@inject()
export default class SeedDemoCasework {
  constructor(
    private freeze: FreezeAccount,
    private cash: SubmitCashPosting,
    private transfer: SubmitTransfer
  ) {}

  async handle(input: SeedDemoCaseworkInput): Promise<{ frozen: number; approvals: number }> {
    const compliance = await StaffUser.findByOrFail('email', `compliance@${DEMO_DOMAIN}`)
    const teller = await StaffUser.findByOrFail('email', `teller@${DEMO_DOMAIN}`)
    const id = (customer: number, kind: DemoAccountKind) => input.accounts.get(customer)?.[kind]

    let frozen = 0
    for (const f of demoFreezes(input.customers)) {
      const accountId = id(f.customer, f.account)
      const account = accountId ? await Account.find(accountId) : null
      if (!account || account.status !== 'active') continue
      await this.freeze.handle({ accountId: account.id, reason: f.reason, staff: compliance, context: CONTEXT })
      frozen++
    }

    const limit = Money.fromDecimal(fourEyesConfig.postingLimit, input.currency)
    let approvals = 0
    for (const r of DEMO_PENDING_REQUESTS) {
      const from = id(r.customer, r.account)
      const to = r.to ? id(r.to.customer, r.to.account) : undefined
      if (!from || (r.to && !to)) continue
      const amount = Money.of((limit.minor * r.tenthsOfLimit) / 10n, input.currency).toDecimalString()
      const common = { amount, reference: r.reference, idempotencyKey: r.key, staff: teller, context: CONTEXT }
      const number = async (accountId: number) => (await Account.findOrFail(accountId)).number
      const outcome =
        r.kind === 'transfer'
          ? await this.transfer.handle({ ...common, fromAccountNumber: await number(from), toAccountNumber: await number(to!) })
          : await this.cash.handle({ ...common, kind: r.kind, accountNumber: await number(from) })
      if (outcome.status === 'pending_approval' && !outcome.replayed) approvals++
    }
    return { frozen, approvals }
  }
}
