import type { ProductTerms } from '#domain/loans/product_terms'

/**
 * The demo bank's loan products, published as version 1 by the system
 * (no maker, no checker: as a migration would). Pure data.
 */
export const DEMO_LOAN_PRODUCTS: Array<{ code: string; terms: ProductTerms }> = [
  {
    code: 'personal-gbp',
    terms: {
      name: 'Personal loan',
      currency: 'GBP',
      minPrincipal: 500_00n,
      maxPrincipal: 25_000_00n,
      minTerm: 6,
      maxTerm: 60,
      annualRatePpm: 99_000n,
      frequency: 'monthly',
      amortisation: 'annuity',
      originationFeePpm: 10_000n,
      latePenalty: 15_00n,
      graceDays: 5,
      maxDebtToIncomePpm: 400_000n,
      secondApprovalAbove: 10_000_00n,
      allocationOrder: ['penalty', 'fee', 'interest', 'principal'],
    },
  },
  {
    code: 'equipment-weekly-gbp',
    terms: {
      name: 'Equipment loan (weekly)',
      currency: 'GBP',
      minPrincipal: 1_000_00n,
      maxPrincipal: 15_000_00n,
      minTerm: 26,
      maxTerm: 156,
      annualRatePpm: 124_500n,
      frequency: 'weekly',
      amortisation: 'equal_principal',
      originationFeePpm: 5_000n,
      latePenalty: 5_00n,
      graceDays: 3,
      maxDebtToIncomePpm: 350_000n,
      secondApprovalAbove: 7_500_00n,
      allocationOrder: ['penalty', 'fee', 'interest', 'principal'],
    },
  },
]
