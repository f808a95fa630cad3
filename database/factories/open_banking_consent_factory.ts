import { randomUUID } from 'node:crypto'
import Factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import OpenBankingConsent from '#models/open_banking_consent'

/**
 * Open-banking consents as the consent flow leaves them, inserted as rows
 * (the flow itself, PAR and the consent page, is driven through
 * tests/helpers/openbanking when a test needs real tokens). Defaults: an
 * account-access consent authorised by the customer, expiring in 90 days,
 * bound to a grant id of its own. Merge: partnerId and customerId
 * (required by the table), status, permissions, expiresAt, grantId.
 * State `awaiting`: AWAU, no customer yet, no grant.
 */
export const OpenBankingConsentFactory = Factory.define(OpenBankingConsent, () => ({
  id: `aac-${randomUUID()}`,
  kind: 'account_access' as const,
  status: 'AUTH' as const,
  permissions: ['ReadAccountsBasic', 'ReadBalances'],
  expiresAt: DateTime.now().plus({ days: 90 }),
  accountIds: [] as number[],
  grantId: `grant-${randomUUID()}`,
}))
  .state('awaiting', (consent) => {
    consent.status = 'AWAU'
    consent.customerId = null
    consent.grantId = null
  })
  .build()
