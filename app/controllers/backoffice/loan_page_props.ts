import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { DateTime } from 'luxon'
import Customer from '#models/customer'
import type Loan from '#models/loan'
import LoanProductVersion from '#models/loan_product_version'
import LoanPolicy from '#policies/loan_policy'
import LoanReviewQueries from '#queries/loans/loan_review_queries'
import { loanServicingProps } from '#controllers/backoffice/loan_servicing_props'
import type { StoredAssessment } from '#actions/loans/assess_loan_application'
import { buildSchedule } from '#domain/loans/schedule'
import { ppmToPercent } from '#domain/loans/rates'
import { formatPpmAsPercent } from '#domain/loans/assessment'
import { Money } from '#domain/money/money'
import { acceptsDocuments } from '#domain/loans/loan_documents'

const url = (name: string, params: Record<string, unknown> = {}) => router.urlBuilder.urlFor(name as any, params as any)
const PAID_OUT = ['disbursed', 'active', 'in_arrears', 'paid_off', 'written_off']

/** Every URL the loan page posts to or links to */
export function loanUrls(loan: Loan) {
  const id = { id: Number(loan.id) }
  return {
    index: url('backoffice.loans.index'),
    review: url('backoffice.loans.review', id),
    approve: url('backoffice.loans.approve', id),
    reject: url('backoffice.loans.reject', id),
    note: url('backoffice.loans.notes.store', id),
    attachDocument: url('backoffice.loans.documents.store', id),
    withdraw: url('backoffice.loans.withdraw', id),
    disburse: url('backoffice.loans.disburse', id),
    customer: url('backoffice.customers.show', { id: Number(loan.customerId) }),
    disbursementTransaction: loan.disbursementTransactionId ? url('backoffice.transactions.show', { id: loan.disbursementTransactionId }) : null,
  }
}

/** The repayment schedule: the stored instalments once paid out, else a preview from today */
async function scheduleOf(loan: Loan, queries: LoanReviewQueries) {
  const currency = loan.currency.trim()
  if (PAID_OUT.includes(loan.status)) return { kind: 'stored' as const, startDate: loan.startDate, instalments: await queries.instalments(loan.id, currency) }
  const startDate = DateTime.utc().toISODate()!
  const schedule = buildSchedule({ principal: loan.principal, annualRatePpm: loan.annualRatePpm, termCount: loan.termCount, frequency: loan.frequency, amortisation: loan.amortisation, startDate })
  const m = (minor: bigint) => Money.of(minor, currency).toJSON()
  return {
    kind: 'preview' as const,
    startDate,
    instalments: schedule.instalments.map((i) => ({
      number: i.number, dueDate: i.dueDate, principal: m(i.principal), interest: m(i.interest), fees: m(0n), total: m(i.total), paid: m(0n), settled: false,
    })),
  }
}

/** The stored assessment as the page shows it: each check's outcome and reason, the ratios as percentages */
function assessmentOf(loan: Loan) {
  const stored = loan.assessment as unknown as StoredAssessment | null
  if (!stored) return null
  const currency = loan.currency.trim()
  return {
    recommendation: stored.recommendation,
    checks: stored.checks,
    debtToIncome: stored.debtToIncomePpm === null ? null : formatPpmAsPercent(BigInt(stored.debtToIncomePpm)),
    maxDebtToIncome: formatPpmAsPercent(BigInt(stored.maxDebtToIncomePpm)),
    proposedMonthlyInstalment: Money.fromMinorString(stored.proposedMonthlyInstalment, currency).toJSON(),
    assessedAt: stored.assessedAt,
  }
}

/**
 * Props of backoffice/loans/show: the applicant and their accounts and
 * other loans, the assessment, the terms, the schedule, documents, notes,
 * the loan's audit history, its four-eyes request, `can` flags from
 * LoanPolicy combined with the loan's status, and every URL; once paid
 * out, its servicing (repayments, payoff quote, write-off, reversal).
 */
export async function loanPageProps(ctx: HttpContext, loan: Loan) {
  const { bouncer, containerResolver } = ctx
  const queries = await containerResolver.make(LoanReviewQueries)
  const policy = bouncer.with(LoanPolicy)
  const [review, apply, disburse] = [await policy.allows('review'), await policy.allows('apply'), await policy.allows('disburse')]
  const attachDocument = await policy.allows('attachDocument')
  const customer = await Customer.findOrFail(loan.customerId)
  const version = await LoanProductVersion.findOrFail(loan.productVersionId)
  const approval = await queries.approval(loan.approvalId)
  const waiting = approval?.status === 'pending'
  const names = await queries.staffNames([loan.reviewerId, loan.decidedBy, loan.secondApproverId, loan.submittedBy])
  const name = (id: number | null) => (id === null ? null : names.get(id) ?? `#${id}`)
  const currency = loan.currency.trim()
  const m = (minor: bigint) => Money.of(minor, currency).toJSON()
  const status = loan.status
  const servicing = await loanServicingProps(ctx, loan)
  return {
    loan: {
      id: Number(loan.id), status, channel: loan.channel, purpose: loan.purpose, recommendation: loan.recommendation,
      submittedAt: loan.submittedAt.toISO(), decidedAt: loan.decidedAt?.toISO() ?? null, disbursedAt: loan.disbursedAt?.toISO() ?? null,
      decisionReason: loan.decisionReason, submittedBy: name(loan.submittedBy), reviewer: name(loan.reviewerId),
      decidedBy: name(loan.decidedBy), secondApprover: name(loan.secondApproverId), disbursementAccountId: loan.disbursementAccountId,
      receivableAccountId: loan.accountId, daysPastDue: loan.daysPastDue,
    },
    terms: {
      principal: m(loan.principal), originationFee: m(loan.originationFee), netDisbursed: m(loan.principal - loan.originationFee),
      termCount: loan.termCount, frequency: loan.frequency, amortisation: loan.amortisation, annualRate: `${ppmToPercent(loan.annualRatePpm)}%`,
      /* sealed declarations: null only when the applicant's personal data was erased */
      monthlyIncome: loan.monthlyIncome === null ? null : m(loan.monthlyIncome),
      monthlyObligations: loan.monthlyObligations === null ? null : m(loan.monthlyObligations),
      product: `${version.name} v${version.version}`, secondApprovalAbove: m(version.secondApprovalAbove),
      needsSecondOfficer: loan.principal > version.secondApprovalAbove,
    },
    applicant: { id: Number(customer.id), fullName: customer.fullName, customerNumber: customer.customerNumber, kycStatus: customer.kycStatus },
    accounts: await queries.accounts(loan.customerId),
    otherLoans: await queries.otherLoans(loan.customerId, loan.id),
    assessment: assessmentOf(loan),
    schedule: await scheduleOf(loan, queries),
    documents: loan.documents.map((d) => ({
      id: d.id, name: d.name, contentType: d.contentType, size: d.size, uploadedAt: d.uploadedAt, uploadedBy: d.uploadedBy.type,
      url: review ? url('backoffice.loans.documents.show', { id: Number(loan.id), documentId: d.id }) : null,
    })),
    notes: await queries.notes(loan.id),
    history: await queries.history(loan.id),
    approval: approval
      ? {
          id: Number(approval.id), status: approval.status, maker: approval.maker?.fullName ?? null, checker: approval.checker?.fullName ?? null,
          decisionReason: approval.decisionReason, url: url('backoffice.approvals.show', { id: Number(approval.id) }),
        }
      : null,
    /** a resubmitted approve form files one four-eyes request, not two */
    decisionKey: randomUUID(),
    can: {
      review: review && status === 'submitted',
      approve: review && status === 'under_review' && !waiting,
      reject: review && status === 'under_review' && !waiting,
      note: review,
      withdraw: apply && ['submitted', 'under_review', 'approved'].includes(status),
      disburse: disburse && status === 'approved',
      attachDocument: attachDocument && acceptsDocuments(status),
      ...servicing.can,
    },
    servicing: servicing.servicing,
    urls: loanUrls(loan),
  }
}
