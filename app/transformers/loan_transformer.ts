import { BaseTransformer } from '@adonisjs/core/transformers'
import type { DateTime } from 'luxon'
import type { LoanDocument } from '#models/loan'
import type { OfferedLoanProduct } from '#queries/loans/product_queries'
import type { CustomerLoan } from '#queries/loans/customer_loan_queries'
import type { StoredInstalment } from '#queries/loans/loan_instalment_queries'
import type { StoredAssessment } from '#actions/loans/assess_loan_application'
import { Money } from '#domain/money/money'
import { ppmToPercent } from '#domain/loans/rates'
import type { RepaymentSchedule } from '#domain/loans/schedule'
import type { PayoffQuote } from '#domain/loans/payoff'
import type { LoanRepaymentResult } from '#actions/loans/repay_loan'

/**
 * Loans in /api/v1, for their borrower: ids as strings, amounts as
 * `{ amount, currency }` decimal strings, rates as percent strings
 * ("9.9"). Never shown: the officers' notes and identities, the
 * assessment's recommendation and its risk-alert check (an open alert is
 * never revealed to its subject), the storage key of a document.
 */

/** Checks of the assessment the customer sees */
const CUSTOMER_CHECKS = new Set(['kyc_verified', 'accounts_in_good_standing', 'disbursement_account', 'affordability', 'existing_loans'])

const iso = (value: DateTime | null) => (value ? value.toUTC().toISO() : null)

function money(currency: string) {
  return (minor: bigint) => Money.of(minor, currency).toJSON()
}

/** A product offered now (GET /api/v1/loan-products) */
export class LoanProductOfferTransformer extends BaseTransformer<OfferedLoanProduct> {
  toObject() {
    const { product, version } = this.resource
    const currency = version.currency.trim()
    const amount = money(currency)
    return {
      id: String(product.id),
      code: product.code,
      name: version.name,
      version: version.version,
      currency,
      minPrincipal: amount(version.minPrincipal),
      maxPrincipal: amount(version.maxPrincipal),
      minTerm: version.minTerm,
      maxTerm: version.maxTerm,
      frequency: version.frequency,
      amortisation: version.amortisation,
      annualRate: ppmToPercent(version.annualRatePpm),
      originationFeeRate: ppmToPercent(version.originationFeePpm),
      latePenalty: amount(version.latePenalty),
      graceDays: version.graceDays,
    }
  }
}

/** The terms every application and loan shows */
function terms({ loan, product }: CustomerLoan) {
  const amount = money(loan.currency)
  return {
    id: String(loan.id),
    status: loan.status,
    product: { id: String(product.id), code: product.code, name: product.name, version: product.version },
    principal: amount(loan.principal),
    termCount: loan.termCount,
    frequency: loan.frequency,
    amortisation: loan.amortisation,
    annualRate: ppmToPercent(loan.annualRatePpm),
    originationFee: amount(loan.originationFee),
    disbursementAccountId: String(loan.disbursementAccountId),
  }
}

function assessmentSummary(stored: StoredAssessment | null, currency: string) {
  if (!stored) return null
  const dti = stored.debtToIncomePpm === null ? null : ppmToPercent(BigInt(stored.debtToIncomePpm))
  return {
    debtToIncome: dti,
    maxDebtToIncome: ppmToPercent(BigInt(stored.maxDebtToIncomePpm)),
    proposedMonthlyInstalment: money(currency)(BigInt(stored.proposedMonthlyInstalment)),
    checks: stored.checks
      .filter((check) => CUSTOMER_CHECKS.has(check.code))
      .map(({ code, outcome, reason }) => ({ code, outcome, reason })),
    assessedAt: stored.assessedAt,
  }
}

export function schedulePreview(schedule: RepaymentSchedule, startDate: string, currency: string) {
  const amount = money(currency)
  return {
    startDate,
    instalmentAmount: schedule.instalmentAmount === null ? null : amount(schedule.instalmentAmount),
    instalments: schedule.instalments.map((instalment) => ({
      number: instalment.number,
      dueDate: instalment.dueDate,
      principal: amount(instalment.principal),
      interest: amount(instalment.interest),
      total: amount(instalment.total),
      balanceAfter: amount(instalment.balanceAfter),
    })),
    totals: {
      principal: amount(schedule.totals.principal),
      interest: amount(schedule.totals.interest),
      total: amount(schedule.totals.total),
    },
  }
}

function documentOf(document: LoanDocument) {
  return {
    id: document.id,
    name: document.name,
    contentType: document.contentType,
    size: document.size,
    uploadedAt: document.uploadedAt,
    uploadedBy: document.uploadedBy.type,
  }
}

/** An application's attached document (no storage key, no staff identity) */
export class LoanDocumentTransformer extends BaseTransformer<LoanDocument> {
  toObject() {
    return documentOf(this.resource)
  }
}

/**
 * An application (GET /api/v1/loan-applications[/:id]): its terms, status,
 * documents, the assessment summary, the decision once taken, and
 * `schedulePreview` (the detail only, while not paid out).
 */
export class LoanApplicationTransformer extends BaseTransformer<CustomerLoan> {
  constructor(
    resource: CustomerLoan,
    private preview?: ReturnType<typeof schedulePreview> | null
  ) {
    super(resource)
  }

  toObject() {
    const { loan } = this.resource
    const amount = money(loan.currency)
    const decided = loan.decidedAt !== null
    return {
      ...terms(this.resource),
      purpose: loan.purpose,
      /* sealed declarations: null only when the applicant's personal data was erased */
      monthlyIncome: loan.monthlyIncome === null ? null : amount(loan.monthlyIncome),
      monthlyObligations: loan.monthlyObligations === null ? null : amount(loan.monthlyObligations),
      channel: loan.channel,
      documents: loan.documents.map(documentOf),
      assessment: assessmentSummary(loan.assessment as unknown as StoredAssessment | null, loan.currency),
      decision: decided
        ? { outcome: loan.status === 'rejected' ? 'rejected' : 'approved', reason: loan.decisionReason, decidedAt: iso(loan.decidedAt) }
        : null,
      loanId: loan.disbursementTransactionId !== null ? String(loan.id) : null,
      submittedAt: iso(loan.submittedAt),
      closedAt: iso(loan.closedAt),
      ...(this.preview !== undefined ? { schedulePreview: this.preview } : {}),
    }
  }
}

/** What is still due of one stored instalment, per component */
function remaining(instalment: StoredInstalment) {
  const { due, paid } = instalment
  return {
    principal: due.principal - paid.principal,
    interest: due.interest - paid.interest,
    fee: due.fee - paid.fee,
    penalty: due.penalty - paid.penalty,
  }
}

/** A loan paid out (GET /api/v1/loans); the detail adds `outstandingPrincipal` and `nextInstalment` */
export class LoanTransformer extends BaseTransformer<CustomerLoan> {
  constructor(
    resource: CustomerLoan,
    private detail?: { outstandingPrincipal: bigint; nextInstalment: StoredInstalment | null }
  ) {
    super(resource)
  }

  toObject() {
    const { loan } = this.resource
    const amount = money(loan.currency)
    const next = this.detail?.nextInstalment ?? null
    const left = next ? remaining(next) : null
    return {
      ...terms(this.resource),
      startDate: loan.startDate,
      disbursedAt: iso(loan.disbursedAt),
      closedAt: iso(loan.closedAt),
      daysPastDue: loan.daysPastDue,
      ...(this.detail
        ? {
            outstandingPrincipal: amount(this.detail.outstandingPrincipal),
            nextInstalment:
              next && left
                ? {
                    number: next.number,
                    dueDate: next.dueDate,
                    principal: amount(left.principal),
                    interest: amount(left.interest),
                    fee: amount(left.fee),
                    penalty: amount(left.penalty),
                    total: amount(left.principal + left.interest + left.fee + left.penalty),
                  }
                : null,
          }
        : {}),
    }
  }
}

/** One stored instalment (GET /api/v1/loans/:id/schedule): due and paid per component */
export class LoanInstalmentTransformer extends BaseTransformer<StoredInstalment> {
  constructor(
    resource: StoredInstalment,
    private currency: string,
    private today: string
  ) {
    super(resource)
  }

  toObject() {
    const instalment = this.resource
    const amount = money(this.currency)
    const { due, paid } = instalment
    const status =
      instalment.settledAt !== null ? 'paid' : instalment.dueDate < this.today ? 'overdue' : instalment.dueDate === this.today ? 'due' : 'upcoming'
    return {
      number: instalment.number,
      dueDate: instalment.dueDate,
      status,
      principal: amount(due.principal),
      interest: amount(due.interest),
      fee: amount(due.fee),
      penalty: amount(due.penalty),
      total: amount(due.principal + due.interest + due.fee + due.penalty),
      principalPaid: amount(paid.principal),
      interestPaid: amount(paid.interest),
      feePaid: amount(paid.fee),
      penaltyPaid: amount(paid.penalty),
      paid: amount(paid.principal + paid.interest + paid.fee + paid.penalty),
      settledAt: instalment.settledAt ? new Date(instalment.settledAt).toISOString() : null,
    }
  }
}

/** A payoff quote (#domain/loans/payoff) of a loan in its currency */
export class LoanPayoffQuoteTransformer extends BaseTransformer<PayoffQuote> {
  constructor(
    resource: PayoffQuote,
    private loanId: number,
    private currency: string
  ) {
    super(resource)
  }

  toObject() {
    const quote = this.resource
    const amount = money(this.currency)
    return {
      loanId: String(this.loanId),
      asOf: quote.asOf,
      due: {
        principal: amount(quote.due.principal),
        interest: amount(quote.due.interest),
        fee: amount(quote.due.fee),
        penalty: amount(quote.due.penalty),
      },
      principalNotYetDue: amount(quote.futurePrincipal),
      accruedInterest: amount(quote.accruedInterest),
      accruedDays: quote.accruedDays,
      total: amount(quote.total),
    }
  }
}

/** A repayment the borrower made (RepayLoan) */
export class LoanRepaymentTransformer extends BaseTransformer<LoanRepaymentResult> {
  toObject() {
    const { loan, repayment } = this.resource
    const amount = money(loan.currency)
    return {
      id: String(repayment.id),
      loanId: String(loan.id),
      kind: repayment.kind,
      amount: amount(repayment.amount),
      principal: amount(repayment.principal),
      interest: amount(repayment.interest),
      charges: amount(repayment.charges),
      transactionId: String(repayment.transactionId),
      loanStatus: loan.status,
    }
  }
}
