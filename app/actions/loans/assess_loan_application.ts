import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Account from '#models/account'
import Customer from '#models/customer'
import Loan from '#models/loan'
import { openAlertCount } from '#queries/risk/alert_queries'
import { DISBURSED_STATES } from '#queries/loans/customer_loan_queries'
import { DEPOSIT_ACCOUNT_KINDS } from '#domain/ledger/account_kinds'
import { buildSchedule } from '#domain/loans/schedule'
import type { Amortisation, Frequency } from '#domain/loans/schedule_terms'
import {
  assessApplication,
  monthlyEquivalentOfWeekly,
  type Assessment,
  type AssessmentCheck,
  type Recommendation,
} from '#domain/loans/assessment'

export interface AssessmentRequest {
  customerId: number
  principal: bigint
  termCount: number
  annualRatePpm: bigint
  frequency: Frequency
  amortisation: Amortisation
  monthlyIncome: bigint
  monthlyObligations: bigint
  maxDebtToIncomePpm: bigint
  disbursementAccountId: number
  /** The application being (re-)assessed: never counted among the customer's existing loans */
  excludeLoanId?: number
}

/** What loans.assessment holds (jsonb: amounts and ratios as strings of integers) */
export interface StoredAssessment {
  recommendation: Recommendation
  checks: AssessmentCheck[]
  /** ppm, null when no income was declared */
  debtToIncomePpm: string | null
  maxDebtToIncomePpm: string
  /** minor units: the first instalment of the schedule (a weekly one as its monthly equivalent) */
  proposedMonthlyInstalment: string
  assessedAt: string
}

/**
 * Gathers the facts of an application and runs the pure assessment
 * (#domain/loans/assessment): the customer's KYC status, their deposit
 * accounts' statuses and the disbursement account's, open risk alerts on
 * them (#queries/risk/alert_queries), their loans already paid out and
 * days past due, and the proposed monthly instalment (the first
 * instalment of buildSchedule from today; weekly converted to monthly).
 * Advice only: the officer decides. Reads only; no audit row (the
 * submission that stores it writes one).
 * Throws: InvalidLoanTermsError (#domain/loans/schedule_terms) for terms
 * no schedule can amortise.
 */
export default class AssessLoanApplication {
  async handle(request: AssessmentRequest, trx?: TransactionClientContract) {
    const proposedMonthlyInstalment = this.proposedMonthlyInstalment(request)
    /* One after the other: in a caller's transaction they share one connection (pg refuses overlapping queries) */
    const customer = await Customer.query({ client: trx }).where('id', request.customerId).select('id', 'kyc_status').firstOrFail()
    const accounts = await Account.query({ client: trx })
      .where('customer_id', request.customerId)
      .whereIn('kind', [...DEPOSIT_ACCOUNT_KINDS])
    const existing = await Loan.query({ client: trx })
      .where('customer_id', request.customerId)
      .whereIn('status', [...DISBURSED_STATES])
      .whereNot('id', request.excludeLoanId ?? 0)
    const alerts = await openAlertCount(request.customerId)
    const disbursement = accounts.find((account) => account.id === request.disbursementAccountId)
    const assessment: Assessment = assessApplication({
      kycVerified: customer.kycStatus === 'verified',
      accounts: accounts.map((account) => ({ status: account.status })),
      disbursementAccountStatus: disbursement?.status ?? null,
      monthlyIncome: request.monthlyIncome,
      monthlyObligations: request.monthlyObligations,
      proposedMonthlyInstalment,
      maxDebtToIncomePpm: request.maxDebtToIncomePpm,
      openRiskAlerts: alerts,
      existingLoans: existing.map((loan) => ({ status: loan.status, daysPastDue: loan.daysPastDue })),
    })
    const stored: StoredAssessment = {
      recommendation: assessment.recommendation,
      checks: assessment.checks,
      debtToIncomePpm: assessment.debtToIncomePpm?.toString() ?? null,
      maxDebtToIncomePpm: request.maxDebtToIncomePpm.toString(),
      proposedMonthlyInstalment: proposedMonthlyInstalment.toString(),
      assessedAt: new Date().toISOString(),
    }
    return { assessment, proposedMonthlyInstalment, stored }
  }

  /** The first instalment of the schedule starting today; a weekly one as its monthly equivalent */
  proposedMonthlyInstalment(request: AssessmentRequest): bigint {
    const schedule = buildSchedule({
      principal: request.principal,
      annualRatePpm: request.annualRatePpm,
      termCount: request.termCount,
      frequency: request.frequency,
      amortisation: request.amortisation,
      startDate: DateTime.utc().toISODate()!,
    })
    const first = schedule.instalments[0].total
    return request.frequency === 'weekly' ? monthlyEquivalentOfWeekly(first) : first
  }
}
