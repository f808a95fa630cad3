import { randomUUID } from 'node:crypto'
import RecordConsentAccess from '#actions/openbanking/record_consent_access'
import { PartnerFactory, FIXTURE_PUBLIC_JWK } from '#database/factories/partner_factory'
import { OpenBankingConsentFactory } from '#database/factories/open_banking_consent_factory'
import { plainCustomer } from '#tests/helpers/customers'

/**
 * The backoffice's partner pages in tests: a partner (PartnerFactory,
 * through RegisterPartner) with an authorised consent of a fresh customer
 * and a few requests in that consent's access log (RecordConsentAccess,
 * as the API writes them), and the registration form as a browser sends it.
 */
export async function partnerWithConsent(options: { suspended?: boolean; accessCount?: number } = {}) {
  const factory = PartnerFactory.merge({})
  if (options.suspended) factory.apply('suspended')
  const partner = await factory.create()
  const { customerId, tag } = await plainCustomer()
  const consent = await OpenBankingConsentFactory.merge({ partnerId: partner.id, customerId }).create()
  const requests = []
  for (let i = 0; i < (options.accessCount ?? 3); i++) {
    const requestId = `req-${randomUUID()}`
    await new RecordConsentAccess().handle({
      consent, method: 'GET', route: 'api.v1.accounts.index', path: `/api/v1/accounts?n=${i}`, status: 200,
      requestId, interactionId: randomUUID(),
    })
    requests.push(requestId)
  }
  return { partner, consent, customerId, tag, requests }
}

/** The registration form's fields (four-eyes request), valid unless overridden */
export function registrationForm(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8)
  return {
    name: `Budgetly ${tag}`,
    key_source: 'jwks',
    jwks: JSON.stringify({ keys: [{ ...FIXTURE_PUBLIC_JWK, kid: `key-${tag}` }] }),
    redirect_uris: 'https://budgetly.example.com/callback\nhttp://127.0.0.1:4999/callback',
    cors_origins: 'https://app.budgetly.example.com',
    scopes: ['accounts'],
    rate_tier: 'standard',
    reason: 'Signed contract 2026-11',
    idempotency_key: randomUUID(),
    ...overrides,
  }
}
