import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Approval from '#models/approval'
import type LoanProduct from '#models/loan_product'
import type LoanProductVersion from '#models/loan_product_version'
import LoanProductPolicy from '#policies/loan_product_policy'
import ProductQueries, { versionTerms } from '#queries/loans/product_queries'
import { Money } from '#domain/money/money'
import { supportedCurrencies } from '#domain/money/currencies'
import { ppmToPercent } from '#domain/loans/rates'
import { AMORTISATIONS, FREQUENCIES } from '#domain/loans/schedule_terms'
import { COMPONENTS, DEFAULT_ALLOCATION_ORDER } from '#domain/loans/allocation'
import type { ProductTerms } from '#domain/loans/product_terms'

const url = (name: string, params: Record<string, unknown> = {}) => router.urlBuilder.urlFor(name as any, params as any)

/** The `can` flags of the loan product pages, from LoanProductPolicy */
export async function loanProductPageCan(bouncer: HttpContext['bouncer']) {
  const policy = bouncer.with(LoanProductPolicy)
  return { manage: await policy.allows('manage') }
}

/** Terms as pages show them: amounts as Money JSON, rates as percentages ("9.9") */
export function presentTerms(t: ProductTerms) {
  const money = (minor: bigint) => Money.of(minor, t.currency).toJSON()
  return {
    name: t.name,
    currency: t.currency,
    minPrincipal: money(t.minPrincipal),
    maxPrincipal: money(t.maxPrincipal),
    minTerm: t.minTerm,
    maxTerm: t.maxTerm,
    annualRate: ppmToPercent(t.annualRatePpm),
    frequency: t.frequency as string,
    amortisation: t.amortisation as string,
    originationFee: ppmToPercent(t.originationFeePpm),
    latePenalty: money(t.latePenalty),
    graceDays: t.graceDays,
    maxDebtToIncome: ppmToPercent(t.maxDebtToIncomePpm),
    secondApprovalAbove: money(t.secondApprovalAbove),
    allocationOrder: t.allocationOrder as string[],
  }
}

/** Terms as the form's fields hold them (decimals and percentages as text) */
export function termsForm(t: ProductTerms | null) {
  const decimal = (minor: bigint) => (t ? Money.of(minor, t.currency).toDecimalString() : '')
  return {
    name: t?.name ?? '',
    min_principal: t ? decimal(t.minPrincipal) : '',
    max_principal: t ? decimal(t.maxPrincipal) : '',
    min_term: t ? String(t.minTerm) : '',
    max_term: t ? String(t.maxTerm) : '',
    annual_rate: t ? ppmToPercent(t.annualRatePpm) : '',
    frequency: (t?.frequency ?? 'monthly') as string,
    amortisation: (t?.amortisation ?? 'annuity') as string,
    origination_fee: t ? ppmToPercent(t.originationFeePpm) : '0',
    late_penalty: t ? decimal(t.latePenalty) : '0',
    grace_days: t ? String(t.graceDays) : '0',
    max_debt_to_income: t ? ppmToPercent(t.maxDebtToIncomePpm) : '',
    second_approval_above: t ? decimal(t.secondApprovalAbove) : '',
    allocation_order: [...(t?.allocationOrder ?? DEFAULT_ALLOCATION_ORDER)] as string[],
  }
}

/** What the form's selects offer */
export function loanProductFormOptions() {
  const options = (values: readonly string[], labels: Record<string, string> = {}) =>
    values.map((value) => ({ value, label: labels[value] ?? value }))
  return {
    currencies: options(supportedCurrencies()),
    frequencies: options(FREQUENCIES, { monthly: 'Monthly', weekly: 'Weekly' }),
    amortisations: options(AMORTISATIONS, { annuity: 'Annuity (equal instalments)', equal_principal: 'Equal principal' }),
    components: options(COMPONENTS, { penalty: 'Penalties', fee: 'Fees', interest: 'Interest', principal: 'Principal' }),
  }
}

/** A list row: the product and its current version's headline terms */
export function productRow(product: LoanProduct, current: LoanProductVersion | null) {
  return {
    id: Number(product.id),
    code: product.code,
    status: product.status as string,
    version: current?.version ?? null,
    terms: current ? presentTerms(versionTerms(current)) : null,
    url: url('backoffice.loan_products.show', { id: Number(product.id) }),
  }
}

/** Product changes waiting for a second administrator: all of them, or one product's (by code) */
export async function pendingProductChanges(code?: string) {
  const rows = await Approval.query()
    .where('kind', 'loans.product_change')
    .where('status', 'pending')
    .if(code, (q) => q.where('subject_type', 'loan_product').where('subject_id', code!))
    .preload('maker')
    .orderBy('id', 'desc')
    .limit(50)
  return rows.map((approval) => ({
    id: Number(approval.id),
    summary: approval.summary,
    maker: approval.maker.fullName,
    createdAt: approval.createdAt.toISO(),
    url: url('backoffice.approvals.show', { id: Number(approval.id) }),
  }))
}

/** Props of backoffice/loans/products/show: the product, its current terms, every version, pending changes */
export async function loanProductPageProps({ bouncer, containerResolver }: HttpContext, id: number) {
  const queries = await containerResolver.make(ProductQueries)
  const { product, current } = await queries.find(id)
  const versions = await queries.versions(product.id)
  return {
    product: productRow(product, current),
    versions: versions.map((v) => ({ ...v, terms: presentTerms(v.terms) })),
    pending: await pendingProductChanges(product.code),
    /** a resubmitted retire / reactivate form files one four-eyes request, not two */
    statusKey: randomUUID(),
    can: await loanProductPageCan(bouncer),
    urls: {
      index: url('backoffice.loan_products.index'),
      edit: url('backoffice.loan_products.edit', { id: product.id }),
      retire: url('backoffice.loan_products.retire', { id: product.id }),
      reactivate: url('backoffice.loan_products.reactivate', { id: product.id }),
    },
  }
}
