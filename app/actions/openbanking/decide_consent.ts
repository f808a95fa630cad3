import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { errors } from '@vinejs/vine'
import OpenBankingConsent from '#models/open_banking_consent'
import CustomerAccountQueries from '#queries/accounts/customer_account_queries'
import CreatePaymentAuthorisation from '#actions/payments/create_payment_authorisation'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'
import AuditTrail from '#services/audit/audit_trail'
import { apiResource, authorizationServer } from '#services/oauth/authorization_server'
import { consentScope, effectiveStatus } from '#domain/openbanking/consent'
import { ownerAccess } from '#domain/api/account_access'
import type { RequestContext } from '#domain/audit/actor'
import ConsentStatusConflictException from '#exceptions/consent_status_conflict_exception'

/**
 * The customer's decision on a partner's consent, on the consent page
 * after a sign-in with password and TOTP.
 *
 * Approve: the accounts to share must be the customer's own open
 * accounts (at least one for account access; exactly one, the debtor,
 * for a payment, whose dynamic-linking authorisation is created here:
 * limits and payee are checked now and again when it books). The authorization
 * server's grant is created for the consent's scope, then, with the
 * consent row locked and still awaiting authorisation (not expired), the
 * consent becomes AUTH, bound to the customer, the accounts and the grant.
 * Reject: RJCT. Both audited ('openbanking.consent.authorised' /
 * '.rejected') with the customer as actor.
 * Throws: E_VALIDATION_ERROR (no or foreign accounts), ConsentStatusConflict
 * (decided meanwhile, expired).
 */
@inject()
export default class DecideConsent {
  constructor(private createAuthorisation: CreatePaymentAuthorisation) {}

  async handle(input: {
    consentId: string
    customerId: number
    clientId: string
    decision: 'approve' | 'reject'
    accountIds: number[]
    context: RequestContext
  }): Promise<{ grantId: string | null }> {
    let grantId: string | null = null
    let paymentAuthorisationId: string | null = null
    if (input.decision === 'approve') {
      const consent = await OpenBankingConsent.findOrFail(input.consentId)
      const accounts = await new CustomerAccountQueries()
        .visibleTo(ownerAccess(input.customerId))
        .whereIn('id', input.accountIds)
        .whereNot('status', 'closed')
        .select('id')
      const payment = consent.kind === 'domestic_payment'
      if (accounts.length === 0 || accounts.length !== input.accountIds.length || (payment && accounts.length !== 1)) {
        throw new errors.E_VALIDATION_ERROR([
          {
            field: 'accountIds',
            rule: 'accounts',
            message: payment ? 'Choose the account to pay from' : 'Choose at least one of your open accounts to share',
          },
        ])
      }
      if (payment) paymentAuthorisationId = await this.authorisePayment(consent, input)
      const server = authorizationServer()
      const grant = new server.Grant({ accountId: String(input.customerId), clientId: input.clientId })
      grant.addResourceScope(apiResource(), consentScope(consent.kind))
      grantId = await grant.save()
    }

    await db.transaction(async (trx) => {
      const consent = await OpenBankingConsent.query({ client: trx }).where('id', input.consentId).forUpdate().firstOrFail()
      const status = effectiveStatus(consent.status, consent.expiresAt?.toJSDate() ?? null, new Date())
      if (status !== 'AWAU') throw new ConsentStatusConflictException()
      const approved = input.decision === 'approve'
      consent.merge({
        status: approved ? 'AUTH' : 'RJCT',
        customerId: input.customerId,
        accountIds: approved ? input.accountIds : [],
        grantId,
        paymentAuthorisationId,
        statusReason: approved ? null : 'Rejected by the customer',
        statusUpdatedAt: DateTime.now(),
      })
      await consent.useTransaction(trx).save()
      await AuditTrail.record(
        {
          actor: { type: 'customer', id: input.customerId },
          action: approved ? 'openbanking.consent.authorised' : 'openbanking.consent.rejected',
          subject: { type: 'consent', id: consent.id },
          before: { status: 'AWAU' },
          after: { status: consent.status, account_ids: consent.accountIds.map(String) },
          metadata: { partner_id: String(consent.partnerId) },
          ...input.context,
        },
        trx
      )
    })
    return { grantId }
  }

  /**
   * Dynamic linking for the payment: the customer signed in with TOTP on a
   * page showing this amount and payee, so the authorisation for exactly
   * them is created now (CreatePaymentAuthorisation: ownership, payee,
   * currency, limits); the payment's posting consumes it.
   */
  private async authorisePayment(consent: OpenBankingConsent, input: { customerId: number; accountIds: number[]; context: RequestContext }) {
    const initiation = consent.initiation!
    const authorisation = await this.createAuthorisation.handle({
      customerId: input.customerId,
      debtorAccountId: input.accountIds[0],
      creditor: { accountNumber: initiation.CreditorAccount.Identification },
      amount: moneyFromInput(initiation.InstructedAmount.Amount, initiation.InstructedAmount.Currency),
      context: input.context,
    })
    return authorisation.id
  }
}
