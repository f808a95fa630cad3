import db from '@adonisjs/lucid/services/db'
import Partner, { type PartnerStatus } from '#models/partner'
import OpenBankingConsent from '#models/open_banking_consent'
import { customerNames } from '#queries/customers/customer_names'

export interface PartnerListQuery {
  status?: PartnerStatus
  page: number
  perPage: number
}

/** One request a partner made under a consent (openbanking_access_log), as the partner page lists it */
export interface AccessLogLine {
  id: number
  at: string
  method: string
  route: string
  path: string
  status: number
  requestId: string | null
  interactionId: string | null
}

/**
 * Reads of the backoffice's partner pages (writes go through the actions
 * in app/actions/openbanking): the partner list, one partner with who
 * registered it, its consents with their customer, and a consent's
 * access log. Everything is paginated in the database.
 */
export default class PartnerQueries {
  /** Newest first, with how many consents each partner holds that are authorised now */
  async list(query: PartnerListQuery) {
    const builder = Partner.query()
      .select('partners.*')
      .select(
        db
          .from('openbanking_consents as c')
          .whereColumn('c.partner_id', 'partners.id')
          .where('c.status', 'AUTH')
          .where((q) => q.whereNull('c.expires_at').orWhere('c.expires_at', '>', new Date()))
          .count('*')
          .as('authorised_consents')
      )
      .orderBy('partners.id', 'desc')
    if (query.status) builder.where('partners.status', query.status)
    return builder.paginate(query.page, query.perPage)
  }

  /** One partner, with the name and email of the staff member who registered it ($extras) */
  async find(id: number) {
    return Partner.query()
      .where('partners.id', id)
      .leftJoin('staff_users as s', 's.id', 'partners.registered_by')
      .select('partners.*', 's.full_name as registered_by_name', 's.email as registered_by_email')
      .firstOrFail()
  }

  /** A partner's consents, newest first, with their customer's name and number and how often each was used ($extras) */
  async consents(partnerId: number, page: number, perPage: number) {
    const rows = await this.consentRows(partnerId).orderBy('openbanking_consents.seq', 'desc').paginate(page, perPage)
    await withCustomerNames(rows.all())
    return rows
  }

  /** One consent of this partner, like a row of `consents()` (a consent of another partner is not found) */
  async consent(partnerId: number, consentId: string) {
    const consent = await this.consentRows(partnerId).where('openbanking_consents.id', consentId).firstOrFail()
    await withCustomerNames([consent])
    return consent
  }

  private consentRows(partnerId: number) {
    return OpenBankingConsent.query()
      .where('openbanking_consents.partner_id', partnerId)
      .leftJoin('customers as cu', 'cu.id', 'openbanking_consents.customer_id')
      .select('openbanking_consents.*', 'cu.customer_number as customer_number')
      .select(
        db.from('openbanking_access_log as l').whereColumn('l.consent_id', 'openbanking_consents.id').count('*').as('access_count')
      )
  }

  /** What the partner did under one consent: every request, newest first */
  async accessLog(consentId: string, page: number, perPage: number) {
    const paginator = await db
      .from('openbanking_access_log')
      .where('consent_id', consentId)
      .orderBy('id', 'desc')
      .paginate(page, perPage)
    const data: AccessLogLine[] = paginator.all().map((row) => ({
      id: Number(row.id),
      at: new Date(row.at).toISOString(),
      method: row.method,
      route: row.route,
      path: row.path,
      status: Number(row.status),
      requestId: row.request_id,
      interactionId: row.interaction_id,
    }))
    const meta = paginator.getMeta()
    return {
      data,
      metadata: { total: Number(meta.total), perPage: Number(meta.perPage), currentPage: Number(meta.currentPage), lastPage: Number(meta.lastPage) },
    }
  }
}

/** $extras.customer_name of consent rows: names are sealed, opened in one call (never joined) */
async function withCustomerNames(consents: OpenBankingConsent[]) {
  const names = await customerNames(consents.map((consent) => consent.customerId).filter((id): id is number => id !== null && id !== undefined))
  for (const consent of consents) {
    consent.$extras.customer_name = consent.customerId === null || consent.customerId === undefined ? null : (names.get(Number(consent.customerId)) ?? null)
  }
}
