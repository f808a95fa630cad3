import type Provider from 'oidc-provider'

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>
import OpenBankingConsent from '#models/open_banking_consent'
import Customer from '#models/customer'
import CustomerAccountQueries from '#queries/accounts/customer_account_queries'
import { ownerAccess } from '#domain/api/account_access'
import { effectiveStatus, PERMISSION_WORDING, type AccountPermission } from '#domain/openbanking/consent'

/** The consent a consent-page interaction is about, while it still awaits authorisation */
export async function consentForInteraction(details: InteractionDetails) {
  const id = details.params.openbanking_intent_id
  if (typeof id !== 'string') return null
  const consent = await OpenBankingConsent.query().where('id', id).preload('partner').first()
  if (!consent || consent.partner.clientId !== details.params.client_id) return null
  return effectiveStatus(consent.status, consent.expiresAt?.toJSDate() ?? null, new Date()) === 'AWAU' ? consent : null
}

/**
 * What the consent page shows: the partner, what it asks for in the
 * customer's words (the permissions, or the payment: amount, payee,
 * reference), until when, and (once signed in) the customer's open
 * accounts to choose from (for a payment, those in its currency).
 */
export async function consentPageProps(consent: OpenBankingConsent, customerId: number | null) {
  const customer = customerId ? await Customer.findOrFail(customerId) : null
  const initiation = consent.initiation
  const accountsQuery = customerId
    ? new CustomerAccountQueries().visibleTo(ownerAccess(customerId)).whereNot('status', 'closed').orderBy('id')
    : null
  if (accountsQuery && initiation) accountsQuery.where('currency', initiation.InstructedAmount.Currency)
  const accounts = accountsQuery ? await accountsQuery : []
  return {
    partner: { name: consent.partner.name },
    consent: {
      kind: consent.kind,
      permissions: consent.permissions.map((code) => ({
        code,
        wording: PERMISSION_WORDING[code as AccountPermission] ?? code,
      })),
      expiresAt: consent.expiresAt?.toUTC().toISO() ?? null,
      transactionsFrom: consent.transactionsFrom?.toUTC().toISO() ?? null,
      transactionsTo: consent.transactionsTo?.toUTC().toISO() ?? null,
      payment: initiation
        ? {
            amount: initiation.InstructedAmount.Amount,
            currency: initiation.InstructedAmount.Currency,
            payeeAccount: initiation.CreditorAccount.Identification,
            payeeName: initiation.CreditorAccount.Name ?? null,
            reference: initiation.RemittanceInformation?.Reference ?? null,
          }
        : null,
    },
    customer: customer ? { name: customer.fullName } : null,
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, number: a.number, currency: a.currency })),
  }
}
