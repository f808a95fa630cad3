import { test } from '@japa/runner'
import {
  productTermsProblems,
  termsChanges,
  termsFromJson,
  termsToJson,
  type ProductTerms,
} from '#domain/loans/product_terms'
import { payloadLines } from '#domain/approvals/payload_display'

const PERSONAL: ProductTerms = {
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
}

test.group('Loan product terms', () => {
  test('accepts a sound product', ({ assert }) => {
    assert.deepEqual(productTermsProblems(PERSONAL), [])
  })

  test('names each broken rule on its own term', ({ assert }) => {
    const problems = productTermsProblems({
      ...PERSONAL,
      minPrincipal: 30_000_00n,
      minTerm: 12,
      maxTerm: 6,
      annualRatePpm: 1_000_001n,
      originationFeePpm: 1_000_000n,
      maxDebtToIncomePpm: 0n,
      graceDays: 91,
      allocationOrder: ['penalty', 'fee', 'fee', 'principal'],
      currency: 'XYZ',
    })
    assert.deepEqual(
      problems.map((p) => p.field),
      ['currency', 'maxPrincipal', 'maxTerm', 'annualRatePpm', 'originationFeePpm', 'graceDays', 'maxDebtToIncomePpm', 'allocationOrder']
    )
    assert.match(problems.find((p) => p.field === 'maxPrincipal')!.message, /not be below the minimum principal/)
  })

  test('describes a change term by term, with amounts in the currency and rates in percent', ({ assert }) => {
    assert.deepEqual(termsChanges(PERSONAL, PERSONAL), [])
    assert.deepEqual(
      termsChanges(PERSONAL, { ...PERSONAL, annualRatePpm: 105_000n, latePenalty: 20_00n, allocationOrder: ['fee', 'penalty', 'interest', 'principal'] }),
      [
        'Nominal annual rate: 9.9% → 10.5%',
        'Late-payment penalty: 15.00 GBP → 20.00 GBP',
        'Repayment allocation order: penalty, fee, interest, principal → fee, penalty, interest, principal',
      ]
    )
  })

  test('round-trips through an approval payload exactly (integer strings, no floats)', ({ assert }) => {
    const huge = { ...PERSONAL, maxPrincipal: 123_456_789_012_345_678n }
    const json = termsToJson(huge)
    assert.equal(json.maxPrincipalMinor, '123456789012345678')
    assert.deepEqual(termsFromJson(JSON.parse(JSON.stringify(json))), huge)
  })

  test('the approvals inbox shows rates as percentages and amounts in the currency', ({ assert }) => {
    const lines = payloadLines({ terms: termsToJson(PERSONAL) })
    assert.deepInclude(lines, { label: 'Terms › Annual rate', value: '9.9%' })
    assert.deepInclude(lines, { label: 'Terms › Origination fee', value: '1%' })
    assert.deepInclude(lines, { label: 'Terms › Min principal minor', value: '500.00 GBP' })
    assert.deepInclude(lines, { label: 'Terms › Second approval above minor', value: '10000.00 GBP' })
  })
})
