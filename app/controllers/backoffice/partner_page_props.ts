import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import type { Infer } from '@vinejs/vine/types'
import Approval from '#models/approval'
import type Partner from '#models/partner'
import PartnerPolicy from '#policies/partner_policy'
import PartnerQueries from '#queries/openbanking/partner_queries'
import PartnerTransformer from '#transformers/partner_transformer'
import PartnerConsentTransformer from '#transformers/partner_consent_transformer'
import { PERMISSION_WORDING } from '#domain/openbanking/consent'
import type { showPartnerValidator } from '#validators/partner'

const CONSENTS_PER_PAGE = 20
const LOG_PER_PAGE = 25

const url = (name: string, params: Record<string, unknown> = {}) => router.urlBuilder.urlFor(name as any, params as any)

/** The `can` flags of the partner pages, from PartnerPolicy */
export async function partnerPageCan(bouncer: HttpContext['bouncer']) {
  const policy = bouncer.with(PartnerPolicy)
  return {
    register: await policy.allows('register'),
    suspend: await policy.allows('suspend'),
    revokeConsent: await policy.allows('revokeConsent'),
  }
}

/** What the registration form offers */
export function partnerFormOptions() {
  return {
    scopes: [
      { value: 'accounts', label: 'Accounts (account information)' },
      { value: 'payments', label: 'Payments (payment initiation)' },
    ],
    rateTiers: [
      { value: 'sandbox', label: 'Sandbox' },
      { value: 'standard', label: 'Standard' },
      { value: 'premium', label: 'Premium' },
    ],
  }
}

/** Registrations waiting for a second administrator (nothing is registered before approval) */
export async function pendingPartnerRegistrations() {
  const rows = await Approval.query()
    .where('kind', 'openbanking.partner_registration')
    .where('status', 'pending')
    .orderBy('id', 'desc')
    .limit(50)
  return rows.map((approval) => ({
    id: Number(approval.id),
    summary: approval.summary,
    createdAt: approval.createdAt.toISO(),
    url: url('backoffice.approvals.show', { id: Number(approval.id) }),
  }))
}

/** A reactivation of this partner waiting for a second administrator */
async function pendingReactivation(partnerId: number) {
  const approval = await Approval.query()
    .where({ kind: 'openbanking.partner_reactivation', status: 'pending', subjectType: 'partner', subjectId: String(partnerId) })
    .first()
  return approval
    ? { id: Number(approval.id), summary: approval.summary, url: url('backoffice.approvals.show', { id: Number(approval.id) }) }
    : null
}

/**
 * Props of backoffice/partners/show: the partner, its consents (one page,
 * newest first), the access log of the consent chosen with `?consent=`
 * (one page, newest first), a pending reactivation, `can` flags from
 * PartnerPolicy and every URL.
 */
export async function partnerPageProps(
  { bouncer, containerResolver }: HttpContext,
  partner: Partner,
  filters: Infer<typeof showPartnerValidator>
) {
  const queries = await containerResolver.make(PartnerQueries)
  const id = Number(partner.id)
  const consents = await queries.consents(id, filters.page ?? 1, CONSENTS_PER_PAGE)
  const chosen = filters.consent ? await queries.consent(id, filters.consent) : null
  const can = await partnerPageCan(bouncer)
  return {
    partner: PartnerTransformer.transform(partner).useVariant('forDetail'),
    consents: PartnerConsentTransformer.paginate(consents.all(), consents.getMeta()),
    /** the consent whose access log is open, and one page of that log */
    chosenConsent: chosen ? PartnerConsentTransformer.transform(chosen) : null,
    accessLog: chosen ? await queries.accessLog(chosen.id, filters.log_page ?? 1, LOG_PER_PAGE) : null,
    filters: { page: filters.page ?? 1, consent: filters.consent ?? '' },
    permissionWording: PERMISSION_WORDING as Record<string, string>,
    pendingReactivation: await pendingReactivation(id),
    /** a resubmitted reactivation form files one four-eyes request, not two */
    reactivationKey: randomUUID(),
    can,
    urls: {
      index: url('backoffice.partners.index'),
      show: url('backoffice.partners.show', { id }),
      suspend: url('backoffice.partners.suspend', { id }),
      reactivate: url('backoffice.partners.reactivate', { id }),
    },
  }
}
