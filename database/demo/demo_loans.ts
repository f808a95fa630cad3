import type { DemoAccountKind } from '#database/demo/demo_history'

/**
 * The demo bank's loans (pure data), one per customer, each brought to its
 * stage through the loans module's own actions (SeedDemoLoans): the review
 * queue has work in every state, and the portfolio has an active loan, one
 * in arrears and a weekly one. `startedDaysAgo`: the schedule starts that
 * many days before the seed runs and the instalments already due are
 * collected (the postings are booked when the seed runs).
 */
export type DemoLoanStage = 'submitted' | 'under_review' | 'approved' | 'rejected' | 'active' | 'in_arrears'

export interface DemoLoan {
  customer: number
  product: string
  principal: bigint
  termCount: number
  purpose: string
  account: DemoAccountKind
  monthlyIncome: bigint
  monthlyObligations: bigint
  stage: DemoLoanStage
  reason?: string
  startedDaysAgo?: number
}

export const DEMO_LOANS: DemoLoan[] = [
  { customer: 2, product: 'personal-gbp', principal: 5_000_00n, termCount: 24, purpose: 'A used car', account: 'current', monthlyIncome: 3_200_00n, monthlyObligations: 650_00n, stage: 'submitted' },
  { customer: 4, product: 'personal-gbp', principal: 15_000_00n, termCount: 48, purpose: 'Kitchen and bathroom renovation', account: 'current', monthlyIncome: 5_400_00n, monthlyObligations: 900_00n, stage: 'under_review' },
  { customer: 5, product: 'personal-gbp', principal: 2_000_00n, termCount: 12, purpose: 'Wedding costs', account: 'current', monthlyIncome: 2_800_00n, monthlyObligations: 400_00n, stage: 'approved', reason: 'Affordable; long-standing customer' },
  { customer: 11, product: 'personal-gbp', principal: 20_000_00n, termCount: 60, purpose: 'Consolidate other debts', account: 'current', monthlyIncome: 1_900_00n, monthlyObligations: 1_100_00n, stage: 'rejected', reason: 'Your monthly commitments are too high for this amount.' },
  { customer: 9, product: 'personal-gbp', principal: 3_000_00n, termCount: 12, purpose: 'New boiler', account: 'current', monthlyIncome: 3_600_00n, monthlyObligations: 500_00n, stage: 'active', startedDaysAgo: 70 },
  { customer: 10, product: 'personal-gbp', principal: 1_500_00n, termCount: 12, purpose: 'Car repairs', account: 'savings', monthlyIncome: 2_400_00n, monthlyObligations: 700_00n, stage: 'in_arrears', startedDaysAgo: 45 },
  { customer: 12, product: 'equipment-weekly-gbp', principal: 2_600_00n, termCount: 26, purpose: 'Tools for a joinery business', account: 'current', monthlyIncome: 4_100_00n, monthlyObligations: 300_00n, stage: 'active', startedDaysAgo: 20 },
]
