import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import { parseId } from '#domain/api/cursor'
import type { LoanState } from '#domain/loans/lifecycle'
import { buildSchedule, type RepaymentSchedule } from '#domain/loans/schedule'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'

/** A loan was paid out: from then on it is a loan (GET /loans), not only an application */
export const DISBURSED_STATES: readonly LoanState[] = ['disbursed', 'active', 'in_arrears', 'paid_off', 'written_off']

/** An application not yet paid out and not closed: its schedule is previewed from today */
export const PREVIEW_STATES: readonly LoanState[] = ['submitted', 'under_review', 'approved']

/** The product an application or loan was made under, as a customer sees it */
export interface LoanProductRef {
  id: number
  code: string
  name: string
  version: number
}

export interface CustomerLoan {
  loan: Loan
  product: LoanProductRef
}

/**
 * Loans as their borrower sees them (the customer API): every read is
 * scoped to the customer's own rows (ownership by query). Another
 * customer's loan, a malformed id and, on /loans, an application never
 * paid out are all E_LOAN_NOT_FOUND.
 */
export default class CustomerLoanQueries {
  /** The customer's applications (every status), newest first, one page and whether more follow */
  async applicationsPage(customerId: number, options: { limit: number; beforeId: number | null }) {
    return this.#page(customerId, options, null)
  }

  /** The customer's loans (paid out), newest first */
  async loansPage(customerId: number, options: { limit: number; beforeId: number | null }) {
    return this.#page(customerId, options, DISBURSED_STATES)
  }

  /** One of the customer's applications, whatever its status */
  async findApplication(customerId: number, rawId: unknown): Promise<CustomerLoan> {
    return this.#find(customerId, rawId, null)
  }

  /** One of the customer's loans (paid out) */
  async findLoan(customerId: number, rawId: unknown): Promise<CustomerLoan> {
    return this.#find(customerId, rawId, DISBURSED_STATES)
  }

  /** What the schedule would be if paid out today (while submitted, under review or approved), else null */
  schedulePreview(loan: Loan, today: string): RepaymentSchedule | null {
    if (!PREVIEW_STATES.includes(loan.status)) return null
    return buildSchedule({
      principal: loan.principal,
      annualRatePpm: loan.annualRatePpm,
      termCount: loan.termCount,
      frequency: loan.frequency,
      amortisation: loan.amortisation,
      startDate: today,
    })
  }

  /** The principal outstanding: the balance of the loan's receivable (debit-normal, so positive while owed) */
  async outstandingPrincipal(accountId: number): Promise<bigint> {
    const row = await db.from('accounts').where('id', accountId).select('balance').firstOrFail()
    return BigInt(row.balance)
  }

  async #page(customerId: number, options: { limit: number; beforeId: number | null }, states: readonly LoanState[] | null) {
    const query = Loan.query().where('customer_id', customerId).orderBy('id', 'desc').limit(options.limit + 1)
    if (states) query.whereIn('status', [...states])
    if (options.beforeId !== null) query.where('id', '<', options.beforeId)
    const rows = await query
    const page = rows.slice(0, options.limit)
    const products = await this.#products(page.map((loan) => loan.productVersionId))
    return {
      data: page.map((loan) => ({ loan, product: products.get(loan.productVersionId)! })),
      hasMore: rows.length > options.limit,
    }
  }

  async #find(customerId: number, rawId: unknown, states: readonly LoanState[] | null): Promise<CustomerLoan> {
    const id = parseId(rawId)
    const query = Loan.query().where('id', id ?? 0).where('customer_id', customerId)
    if (states) query.whereIn('status', [...states])
    const loan = id === null ? null : await query.first()
    if (!loan) throw new LoanNotFoundException()
    const products = await this.#products([loan.productVersionId])
    return { loan, product: products.get(loan.productVersionId)! }
  }

  /** Product references by version id */
  async #products(versionIds: number[]): Promise<Map<number, LoanProductRef>> {
    if (versionIds.length === 0) return new Map()
    const rows = await db
      .from('loan_product_versions as v')
      .join('loan_products as p', 'p.id', 'v.product_id')
      .whereIn('v.id', [...new Set(versionIds)])
      .select('v.id as version_id', 'p.id as product_id', 'p.code', 'v.name', 'v.version')
    return new Map(
      rows.map((row: any) => [
        Number(row.version_id),
        { id: Number(row.product_id), code: row.code, name: row.name, version: Number(row.version) },
      ])
    )
  }
}
