import { test } from '@japa/runner'
import {
  assessApplication,
  debtToIncomePpm,
  formatPpmAsPercent,
  monthlyEquivalentOfWeekly,
  InvalidAssessmentInputError,
  type AssessmentInput,
} from '#domain/loans/assessment'

// income 3,000.00; obligations 500.00 + instalment 700.00 = 40% exactly
const good: AssessmentInput = {
  kycVerified: true,
  accounts: [{ status: 'active' }, { status: 'closed' }],
  disbursementAccountStatus: 'active',
  monthlyIncome: 300_000n,
  monthlyObligations: 50_000n,
  proposedMonthlyInstalment: 70_000n,
  maxDebtToIncomePpm: 400_000n,
  openRiskAlerts: 0,
  existingLoans: [{ status: 'paid_off', daysPastDue: 0 }, { status: 'active', daysPastDue: 0 }],
}

function outcome(input: AssessmentInput, code: string) {
  return assessApplication(input).checks.find((c) => c.code === code)!.outcome
}

test.group('Loan assessment', () => {
  test('a clean application at exactly the DTI limit is recommended for approval, every check passing', ({ assert }) => {
    const result = assessApplication(good)
    assert.equal(result.recommendation, 'approve')
    assert.equal(result.debtToIncomePpm, 400_000n)
    assert.deepEqual(result.checks.map((c) => c.code), ['kyc_verified', 'accounts_in_good_standing', 'disbursement_account', 'affordability', 'risk_alerts', 'existing_loans'])
    assert.isTrue(result.checks.every((c) => c.outcome === 'pass' && c.reason.length > 0))
    assert.include(result.checks[3].reason, '40% of monthly income, within the 40% limit')
  })

  test('one minor unit over the DTI limit fails affordability and declines', ({ assert }) => {
    const result = assessApplication({ ...good, proposedMonthlyInstalment: 70_001n })
    // 120,001 / 300,000 = 40.0003333…% rounded up to 400,004 ppm
    assert.equal(result.debtToIncomePpm, 400_004n)
    assert.equal(outcome({ ...good, proposedMonthlyInstalment: 70_001n }, 'affordability'), 'fail')
    assert.equal(result.recommendation, 'decline')
    assert.include(result.checks[3].reason, 'above the 40% limit')
  })

  test('zero income fails affordability, with no ratio', ({ assert }) => {
    const result = assessApplication({ ...good, monthlyIncome: 0n })
    assert.isNull(result.debtToIncomePpm)
    assert.equal(outcome({ ...good, monthlyIncome: 0n }, 'affordability'), 'fail')
    assert.equal(result.recommendation, 'decline')
  })

  test('unverified KYC fails and declines', ({ assert }) => {
    assert.equal(outcome({ ...good, kycVerified: false }, 'kyc_verified'), 'fail')
    assert.equal(assessApplication({ ...good, kycVerified: false }).recommendation, 'decline')
  })

  test('a frozen account is a warning that refers the application', ({ assert }) => {
    const input = { ...good, accounts: [{ status: 'frozen' }, { status: 'active' }] }
    assert.equal(outcome(input, 'accounts_in_good_standing'), 'warn')
    assert.equal(assessApplication(input).recommendation, 'refer')
  })

  test('the disbursement account must be active: frozen, closed or missing fails', ({ assert }) => {
    for (const status of ['frozen', 'closed', null]) {
      assert.equal(outcome({ ...good, disbursementAccountStatus: status }, 'disbursement_account'), 'fail')
    }
  })

  test('open risk alerts refer the application', ({ assert }) => {
    assert.equal(outcome({ ...good, openRiskAlerts: 2 }, 'risk_alerts'), 'warn')
    assert.equal(assessApplication({ ...good, openRiskAlerts: 1 }).recommendation, 'refer')
  })

  test('existing loans: up to 30 days late warns, more than 30 or a write-off fails', ({ assert }) => {
    assert.equal(outcome({ ...good, existingLoans: [{ status: 'in_arrears', daysPastDue: 30 }] }, 'existing_loans'), 'warn')
    assert.equal(outcome({ ...good, existingLoans: [{ status: 'in_arrears', daysPastDue: 31 }] }, 'existing_loans'), 'fail')
    assert.equal(outcome({ ...good, existingLoans: [{ status: 'written_off', daysPastDue: 0 }] }, 'existing_loans'), 'fail')
    assert.equal(outcome({ ...good, existingLoans: [] }, 'existing_loans'), 'pass')
  })

  test('a failure outweighs a warning', ({ assert }) => {
    assert.equal(assessApplication({ ...good, openRiskAlerts: 1, kycVerified: false }).recommendation, 'decline')
  })

  test('refuses negative amounts or alert counts', ({ assert }) => {
    assert.throws(() => assessApplication({ ...good, monthlyObligations: -1n }), InvalidAssessmentInputError)
    assert.throws(() => assessApplication({ ...good, openRiskAlerts: -1 }), InvalidAssessmentInputError)
  })
})

test.group('Loan assessment helpers', () => {
  test('a weekly instalment is 52/12 of it a month, rounded up exactly', ({ assert }) => {
    assert.equal(monthlyEquivalentOfWeekly(12_000n), 52_000n)
    assert.equal(monthlyEquivalentOfWeekly(10_000n), 43_334n) // 43,333.33… → up
    assert.equal(monthlyEquivalentOfWeekly(0n), 0n)
    assert.throws(() => monthlyEquivalentOfWeekly(-1n), InvalidAssessmentInputError)
  })

  test('DTI is rounded up and percentages print without float', ({ assert }) => {
    assert.equal(debtToIncomePpm(3n, 1n, 0n), 333_334n)
    assert.equal(formatPpmAsPercent(400_000n), '40%')
    assert.equal(formatPpmAsPercent(412_500n), '41.25%')
    assert.equal(formatPpmAsPercent(5n), '0.0005%')
  })
})
