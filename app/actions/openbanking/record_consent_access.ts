import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type OpenBankingConsent from '#models/open_banking_consent'

/**
 * Appends one request made under a consent to its access log (the
 * partner page; the customer's view of what a partner read). Written
 * after the response is decided, with its status; a logging failure is
 * reported, never turned into a failed read.
 */
export default class RecordConsentAccess {
  async handle(input: {
    consent: OpenBankingConsent
    method: string
    route: string
    path: string
    status: number
    requestId: string | null
    interactionId: string
  }) {
    await db
      .table('openbanking_access_log')
      .insert({
        consent_id: input.consent.id,
        partner_id: input.consent.partnerId,
        method: input.method,
        route: input.route,
        path: input.path.slice(0, 500),
        status: input.status,
        request_id: input.requestId,
        interaction_id: input.interactionId,
      })
      .catch((error) => logger.error({ err: error, consent: input.consent.id }, 'openbanking access log write failed'))
  }
}
