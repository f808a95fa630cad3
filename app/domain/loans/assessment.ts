import { ceilDiv } from '#domain/loans/rational'
import type { LoanState } from '#domain/loans/lifecycle'

/**
 * Affordability and eligibility assessment of a loan application. It
 * ADVISES ONLY: the officer decides. Any failed check → 'decline'; else
 * any warning → 'refer'; else 'approve'.
 *
 * Debt-to-income = (monthly obligations + proposed monthly instalment) /
 * monthly income, in ppm, rounded UP (a fraction over the limit is over).
 * Zero income fails affordability (debtToIncomePpm is then null).
 */

export type CheckOutcome = 'pass' | 'warn' | 'fail'
export type Recommendation = 'approve' | 'refer' | 'decline'
export type AssessmentCheckCode =
  | 'kyc_verified'
  | 'accounts_in_good_standing'
  | 'disbursement_account'
  | 'affordability'
  | 'risk_alerts'
  | 'existing_loans'

export interface AssessmentInput {
  kycVerified: boolean
  accounts: readonly { status: string }[]
  /** Status of the account the loan would be paid into; null when none is chosen */
  disbursementAccountStatus: string | null
  monthlyIncome: bigint
  monthlyObligations: bigint
  proposedMonthlyInstalment: bigint
  /** e.g. 400_000n = 40% */
  maxDebtToIncomePpm: bigint
  openRiskAlerts: number
  existingLoans: readonly { status: LoanState; daysPastDue: number }[]
}

export interface AssessmentCheck {
  code: AssessmentCheckCode
  outcome: CheckOutcome
  reason: string
}

export interface Assessment {
  recommendation: Recommendation
  checks: AssessmentCheck[]
  debtToIncomePpm: bigint | null
}

export class InvalidAssessmentInputError extends Error {
  code = 'E_INVALID_ASSESSMENT_INPUT'
}

/** A weekly instalment's monthly equivalent: ceil(weekly × 52 / 12), exact */
export function monthlyEquivalentOfWeekly(weekly: bigint): bigint {
  if (weekly < 0n) throw new InvalidAssessmentInputError('An instalment is never negative')
  return ceilDiv(weekly * 52n, 12n)
}

/** ceil((obligations + instalment) × 10^6 / income); null when income is 0 */
export function debtToIncomePpm(income: bigint, obligations: bigint, instalment: bigint): bigint | null {
  return income > 0n ? ceilDiv((obligations + instalment) * 1_000_000n, income) : null
}

/** 412_500n → '41.25%' */
export function formatPpmAsPercent(ppm: bigint): string {
  const fraction = (ppm % 10_000n).toString().padStart(4, '0').replace(/0+$/, '')
  return `${ppm / 10_000n}${fraction ? `.${fraction}` : ''}%`
}

function check(code: AssessmentCheckCode, outcome: CheckOutcome, reason: string): AssessmentCheck {
  return { code, outcome, reason }
}

function affordability(input: AssessmentInput, dti: bigint | null): AssessmentCheck {
  const limit = formatPpmAsPercent(input.maxDebtToIncomePpm)
  if (dti === null) {
    return check('affordability', 'fail', 'No monthly income is recorded, so the instalment cannot be shown to be affordable.')
  }
  const ratio = formatPpmAsPercent(dti)
  return dti <= input.maxDebtToIncomePpm
    ? check('affordability', 'pass', `Debts would take ${ratio} of monthly income, within the ${limit} limit.`)
    : check('affordability', 'fail', `Debts would take ${ratio} of monthly income, above the ${limit} limit.`)
}

function existingLoans(loans: AssessmentInput['existingLoans']): AssessmentCheck {
  const writtenOff = loans.filter((loan) => loan.status === 'written_off').length
  const seriously = loans.filter((loan) => loan.daysPastDue > 30).length
  const late = loans.filter((loan) => loan.status === 'in_arrears' || loan.daysPastDue > 0).length
  if (writtenOff > 0) return check('existing_loans', 'fail', 'The customer has a loan that was written off.')
  if (seriously > 0) return check('existing_loans', 'fail', 'The customer has a loan more than 30 days past due.')
  if (late > 0) return check('existing_loans', 'warn', 'The customer has a loan in arrears (up to 30 days past due).')
  return check('existing_loans', 'pass', 'No existing loan is in arrears or written off.')
}

export function assessApplication(input: AssessmentInput): Assessment {
  const amounts = [input.monthlyIncome, input.monthlyObligations, input.proposedMonthlyInstalment, input.maxDebtToIncomePpm]
  if (amounts.some((amount) => typeof amount !== 'bigint' || amount < 0n)) {
    throw new InvalidAssessmentInputError('Income, obligations, instalment and limit are non-negative bigints')
  }
  if (!Number.isInteger(input.openRiskAlerts) || input.openRiskAlerts < 0) {
    throw new InvalidAssessmentInputError('The number of open risk alerts is a non-negative integer')
  }
  const dti = debtToIncomePpm(input.monthlyIncome, input.monthlyObligations, input.proposedMonthlyInstalment)
  const frozen = input.accounts.filter((account) => account.status === 'frozen').length
  const disbursement = input.disbursementAccountStatus
  const alerts = input.openRiskAlerts
  const checks = [
    input.kycVerified
      ? check('kyc_verified', 'pass', "The customer's identity is verified.")
      : check('kyc_verified', 'fail', "The customer's identity (KYC) is not verified."),
    frozen > 0
      ? check('accounts_in_good_standing', 'warn', `${frozen} of the customer's accounts ${frozen === 1 ? 'is' : 'are'} frozen.`)
      : check('accounts_in_good_standing', 'pass', "None of the customer's accounts is frozen."),
    disbursement === 'active'
      ? check('disbursement_account', 'pass', 'The disbursement account is active.')
      : check('disbursement_account', 'fail', disbursement === null
          ? 'No disbursement account is chosen.'
          : `The disbursement account is ${disbursement}: the loan cannot be paid into it.`),
    affordability(input, dti),
    alerts > 0
      ? check('risk_alerts', 'warn', `${alerts} open risk alert${alerts === 1 ? '' : 's'} on this customer: review before deciding.`)
      : check('risk_alerts', 'pass', 'No open risk alerts on this customer.'),
    existingLoans(input.existingLoans),
  ]
  const recommendation: Recommendation = checks.some((c) => c.outcome === 'fail')
    ? 'decline'
    : checks.some((c) => c.outcome === 'warn')
      ? 'refer'
      : 'approve'
  return { recommendation, checks, debtToIncomePpm: dti }
}
