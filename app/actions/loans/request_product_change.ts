import { inject } from '@adonisjs/core'
import type StaffUser from '#models/staff_user'
import LoanProduct from '#models/loan_product'
import RequestApproval from '#actions/approvals/request_approval'
import ProductQueries, { versionTerms } from '#queries/loans/product_queries'
import type { RequestContext } from '#domain/audit/actor'
import {
  productTermsProblems,
  termsChanges,
  termsLines,
  termsToJson,
  type ProductTerms,
  type ProductTermsJson,
} from '#domain/loans/product_terms'
import InvalidLoanProductTermsException from '#exceptions/invalid_loan_product_terms_exception'
import LoanProductChangedMeanwhileException from '#exceptions/loan_product_changed_meanwhile_exception'
import LoanProductCodeTakenException from '#exceptions/loan_product_code_taken_exception'
import LoanProductUnchangedException from '#exceptions/loan_product_unchanged_exception'

export type LoanProductChangeAction = 'create' | 'revise' | 'retire' | 'reactivate'

/** Payload of a 'loans.product_change' approval */
export interface LoanProductChangePayload {
  action: LoanProductChangeAction
  code: string
  /** null for a new product */
  productId: number | null
  /** The current version the change was made from (null for a new product); the approval refuses to run once it is not */
  baseVersion: number | null
  /** The version it publishes (null for retire / reactivate) */
  version: number | null
  /** One line per changed term (every term for a new product), for the checker */
  changes: string[]
  /** The full terms of the version to publish (null for retire / reactivate) */
  terms: ProductTermsJson | null
}

export type LoanProductChange =
  | { action: 'create'; code: string; terms: ProductTerms }
  | { action: 'revise'; productId: number; baseVersion: number; terms: Omit<ProductTerms, 'currency'> }
  | { action: 'retire' | 'reactivate'; productId: number }

/**
 * Four-eyes: files a 'loans.product_change' approval instead of changing a
 * loan product; another administrator's approval runs
 * ApprovedProductChange, which publishes the version (or the status).
 * A revision keeps the product's currency and must be made from the
 * current version. Nothing is published before the approval. Idempotent
 * per maker and key.
 * Throws: LoanProductNotFound (404), InvalidLoanProductTerms (422),
 * LoanProductCodeTaken (409), LoanProductChangedMeanwhile (409),
 * LoanProductUnchanged (422: same terms, already retired / active).
 */
@inject()
export default class RequestProductChange {
  constructor(
    private requestApproval: RequestApproval,
    private products: ProductQueries
  ) {}

  async handle(input: {
    maker: StaffUser
    change: LoanProductChange
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const { payload, summary } = await this.prepare(input.change)
    return this.requestApproval.handle({
      kind: 'loans.product_change',
      summary,
      payload: { ...payload },
      subject: { type: 'loan_product', id: payload.code },
      maker: input.maker,
      makerReason: input.reason ?? null,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
    })
  }

  private async prepare(change: LoanProductChange): Promise<{ payload: LoanProductChangePayload; summary: string }> {
    if (change.action === 'create') {
      checked(change.terms)
      if (await LoanProduct.findBy('code', change.code)) throw new LoanProductCodeTakenException()
      return {
        summary: `New loan product ${change.code}: ${change.terms.name} (${change.terms.currency})`,
        payload: { action: 'create', code: change.code, productId: null, baseVersion: null, version: 1, changes: termsLines(change.terms), terms: termsToJson(change.terms) },
      }
    }

    const { product, current } = await this.products.find(change.productId)
    const base = { code: product.code, productId: product.id, baseVersion: current?.version ?? null }
    if (change.action === 'revise') {
      if (!current || current.version !== change.baseVersion) throw new LoanProductChangedMeanwhileException()
      const before = versionTerms(current)
      const terms = checked({ ...change.terms, currency: before.currency })
      const changes = termsChanges(before, terms)
      if (changes.length === 0) throw new LoanProductUnchangedException()
      const shown = changes.slice(0, 3).join('; ') + (changes.length > 3 ? `; and ${changes.length - 3} more` : '')
      return {
        summary: `Loan product ${product.code} version ${current.version + 1}: ${shown}`,
        payload: { action: 'revise', ...base, version: current.version + 1, changes, terms: termsToJson(terms) },
      }
    }

    const target = change.action === 'retire' ? 'retired' : 'active'
    if (product.status === target) {
      throw new LoanProductUnchangedException(`Loan product ${product.code} is already ${target}.`)
    }
    const verb = change.action === 'retire' ? 'Retire' : 'Reactivate'
    return {
      summary: `${verb} loan product ${product.code}`,
      payload: { action: change.action, ...base, version: null, changes: [`Status: ${product.status} → ${target}`], terms: null },
    }
  }
}

function checked(terms: ProductTerms): ProductTerms {
  const problems = productTermsProblems(terms)
  if (problems.length > 0) throw InvalidLoanProductTermsException.of(problems)
  return terms
}
