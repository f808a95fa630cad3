import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import LoanProduct, { type LoanProductStatus } from '#models/loan_product'
import LoanProductVersion from '#models/loan_product_version'
import { termsChanges, type ProductTerms } from '#domain/loans/product_terms'
import LoanProductNotFoundException from '#exceptions/loan_product_not_found_exception'

/** A product offered to customers now: its identity and the version it is offered under */
export interface OfferedLoanProduct {
  product: LoanProduct
  version: LoanProductVersion
}

/** One published version, for the product page's history */
export interface LoanProductVersionEntry {
  id: number
  version: number
  terms: ProductTerms
  note: string | null
  createdAt: string
  /** null: written by the system (migration, demo seed) */
  requestedBy: string | null
  approvedBy: string | null
  approvalId: number | null
  /** What it changed from the version before it (empty for the first) */
  changes: string[]
}

/** The terms of a stored version */
export function versionTerms(v: LoanProductVersion): ProductTerms {
  return {
    name: v.name,
    currency: v.currency.trim(),
    minPrincipal: v.minPrincipal,
    maxPrincipal: v.maxPrincipal,
    minTerm: v.minTerm,
    maxTerm: v.maxTerm,
    annualRatePpm: v.annualRatePpm,
    frequency: v.frequency,
    amortisation: v.amortisation,
    originationFeePpm: v.originationFeePpm,
    latePenalty: v.latePenalty,
    graceDays: v.graceDays,
    maxDebtToIncomePpm: v.maxDebtToIncomePpm,
    secondApprovalAbove: v.secondApprovalAbove,
    allocationOrder: [...v.allocationOrder],
  }
}

/**
 * Products offered now: active, with a published current version, by code.
 * The customer API and applications read the offer through this.
 */
export async function offeredProducts(client?: QueryClientContract): Promise<OfferedLoanProduct[]> {
  const products = await LoanProduct.query({ client })
    .where('status', 'active')
    .whereNotNull('current_version_id')
    .preload('currentVersion')
    .orderBy('code', 'asc')
  return products.map((product) => ({ product, version: product.currentVersion }))
}

/** One offered product by code or id, or null (retired, unknown, or never published) */
export async function offeredProduct(key: string | number, client?: QueryClientContract): Promise<OfferedLoanProduct | null> {
  const product = await LoanProduct.query({ client })
    .where(typeof key === 'number' ? 'id' : 'code', key)
    .where('status', 'active')
    .whereNotNull('current_version_id')
    .preload('currentVersion')
    .first()
  return product ? { product, version: product.currentVersion } : null
}

/**
 * Reads of loan_products / loan_product_versions (migration 0670) for the
 * backoffice. Writes go through ApprovedProductChange only.
 */
export default class ProductQueries {
  /** One page of products with their current version, by code */
  async list(filters: { status?: LoanProductStatus; page: number; perPage: number }) {
    const page = await LoanProduct.query()
      .if(filters.status, (q) => q.where('status', filters.status!))
      .preload('currentVersion')
      .orderBy('code', 'asc')
      .paginate(filters.page, filters.perPage)
    return { rows: page.all(), meta: page.getMeta() as { total: number; perPage: number; currentPage: number; lastPage: number } }
  }

  /** A product with its current version; throws LoanProductNotFound */
  async find(id: number, client?: QueryClientContract): Promise<{ product: LoanProduct; current: LoanProductVersion | null }> {
    const product = Number.isSafeInteger(id) && id > 0 ? await LoanProduct.find(id, { client }) : null
    if (!product) throw new LoanProductNotFoundException()
    const current = product.currentVersionId
      ? await LoanProductVersion.find(product.currentVersionId, { client })
      : null
    return { product, current }
  }

  /** Every published version, newest first, with who asked, who approved and what each changed */
  async versions(productId: number, limit = 100): Promise<LoanProductVersionEntry[]> {
    const rows = await LoanProductVersion.query().where('product_id', productId).orderBy('version', 'desc').limit(limit + 1)
    const staffIds = [...new Set(rows.flatMap((r) => [r.requestedBy, r.approvedBy]).filter((id): id is number => id !== null))]
    const names = new Map<number, string>()
    if (staffIds.length > 0) {
      for (const s of await db.from('staff_users').whereIn('id', staffIds).select('id', 'full_name')) {
        names.set(Number(s.id), s.full_name)
      }
    }
    return rows.slice(0, limit).map((row, index) => {
      const previous = rows[index + 1]
      return {
        id: row.id,
        version: row.version,
        terms: versionTerms(row),
        note: row.note,
        createdAt: row.createdAt.toISO()!,
        requestedBy: row.requestedBy === null ? null : (names.get(row.requestedBy) ?? null),
        approvedBy: row.approvedBy === null ? null : (names.get(row.approvedBy) ?? null),
        approvalId: row.approvalId,
        changes: previous ? termsChanges(versionTerms(previous), versionTerms(row)) : [],
      }
    })
  }
}
