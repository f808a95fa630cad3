import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import type { LoanProductChangePayload } from '#actions/loans/request_product_change'
import AuditTrail from '#services/audit/audit_trail'
import { productTermsProblems, termsFromJson, type ProductTerms, type ProductTermsJson } from '#domain/loans/product_terms'
import InvalidLoanProductTermsException from '#exceptions/invalid_loan_product_terms_exception'
import LoanProductChangedMeanwhileException from '#exceptions/loan_product_changed_meanwhile_exception'
import LoanProductCodeTakenException from '#exceptions/loan_product_code_taken_exception'
import LoanProductNotFoundException from '#exceptions/loan_product_not_found_exception'
import LoanProductUnchangedException from '#exceptions/loan_product_unchanged_exception'

const AUDIT_ACTION = {
  create: 'loans.product.created',
  revise: 'loans.product.revised',
  retire: 'loans.product.retired',
  reactivate: 'loans.product.reactivated',
} as const

/**
 * Runs an approved 'loans.product_change' in the approval's transaction.
 * create: inserts the product (its code must still be free) and version 1;
 * revise: under the product row's lock, the current version must still be
 * the one the change was made from; inserts version base + 1 and makes it
 * current; retire / reactivate: sets the status. A version is written in
 * the maker's name, approved by the checker, with the approval's id; old
 * versions are never touched (append-only), so no existing loan changes.
 * Audited as loans.product.{created,revised,retired,reactivated}.
 * Throws (the approval stays pending; the checker rejects it):
 * LoanProductCodeTaken, LoanProductNotFound, LoanProductChangedMeanwhile,
 * LoanProductUnchanged, InvalidLoanProductTerms.
 */
export default class ApprovedProductChange implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const payload = approval.payload as unknown as LoanProductChangePayload
    const stamp = { requested_by: maker.id, approved_by: checker.id, approval_id: approval.id, note: approval.makerReason }
    let productId: number
    let before: Record<string, unknown> | null = null
    let after: Record<string, unknown>

    if (payload.action === 'create') {
      const terms = checked(payload.terms)
      const inserted = await trx.rawQuery(
        `insert into loan_products (code, status) values (?, 'active') on conflict (code) do nothing returning id`,
        [payload.code]
      )
      if (inserted.rows.length === 0) throw new LoanProductCodeTakenException()
      productId = Number(inserted.rows[0].id)
      await publish(trx, productId, 1, terms, stamp)
      after = { code: payload.code, status: 'active', version: 1 }
    } else {
      const product = await trx
        .from('loan_products as p')
        .leftJoin('loan_product_versions as v', 'v.id', 'p.current_version_id')
        .where('p.id', Number(payload.productId))
        .forUpdate('p')
        .select('p.id', 'p.code', 'p.status', 'v.version')
        .first()
      if (!product) throw new LoanProductNotFoundException()
      productId = Number(product.id)
      const current = product.version === null ? null : Number(product.version)
      before = { status: product.status, version: current }
      if (payload.action === 'revise') {
        if (current !== Number(payload.baseVersion)) throw new LoanProductChangedMeanwhileException()
        const version = current + 1
        await publish(trx, productId, version, checked(payload.terms), stamp)
        after = { status: product.status, version, changes: payload.changes }
      } else {
        const target = payload.action === 'retire' ? 'retired' : 'active'
        if (product.status === target) throw new LoanProductUnchangedException(`Loan product ${product.code} is already ${target}.`)
        await trx.from('loan_products').where('id', productId).update({ status: target, updated_at: new Date() })
        after = { status: target, version: current }
      }
    }

    await AuditTrail.record(
      {
        actor: { type: 'staff', id: maker.id },
        action: AUDIT_ACTION[payload.action],
        subject: { type: 'loan_product', id: productId },
        before,
        after,
        metadata: { code: payload.code, approval_id: String(approval.id), approved_by: String(checker.id) },
        ...context,
      },
      trx
    )
    return { productId, code: payload.code, version: (after.version as number | null) ?? null }
  }
}

function checked(json: ProductTermsJson | null): ProductTerms {
  if (!json) throw InvalidLoanProductTermsException.of([{ field: 'name', message: 'The request carries no terms' }])
  const terms = termsFromJson(json)
  const problems = productTermsProblems(terms)
  if (problems.length > 0) throw InvalidLoanProductTermsException.of(problems)
  return terms
}

/** Inserts the version row and makes it the product's current one */
async function publish(
  trx: TransactionClientContract,
  productId: number,
  version: number,
  t: ProductTerms,
  stamp: { requested_by: number; approved_by: number; approval_id: number; note: string | null }
) {
  const [row] = await trx
    .table('loan_product_versions')
    .insert({
      product_id: productId,
      version,
      name: t.name,
      currency: t.currency,
      min_principal: t.minPrincipal.toString(),
      max_principal: t.maxPrincipal.toString(),
      min_term: t.minTerm,
      max_term: t.maxTerm,
      annual_rate_ppm: t.annualRatePpm.toString(),
      frequency: t.frequency,
      amortisation: t.amortisation,
      origination_fee_ppm: t.originationFeePpm.toString(),
      late_penalty: t.latePenalty.toString(),
      grace_days: t.graceDays,
      max_debt_to_income_ppm: t.maxDebtToIncomePpm.toString(),
      second_approval_above: t.secondApprovalAbove.toString(),
      allocation_order: t.allocationOrder,
      ...stamp,
    })
    .returning('id')
  await trx.from('loan_products').where('id', productId).update({ current_version_id: row.id ?? row, updated_at: new Date() })
}
