import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import Loan from '#models/loan'
import LoanProduct from '#models/loan_product'
import LoanProductVersion from '#models/loan_product_version'
import DisburseLoan from '#actions/loans/disburse_loan'
import { applyPpm } from '#domain/loans/rates'
import { DEMO_LOAN_PRODUCTS } from '#database/demo/demo_loan_products'
import { NO_REQUEST } from '#domain/audit/actor'
import { createCustomer, openAccount } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'

export interface TestProductTerms {
  name: string
  currency: string
  minPrincipal: bigint
  maxPrincipal: bigint
  minTerm: number
  maxTerm: number
  annualRatePpm: bigint
  frequency: 'monthly' | 'weekly'
  amortisation: 'annuity' | 'equal_principal'
  originationFeePpm: bigint
  latePenalty: bigint
  graceDays: number
  maxDebtToIncomePpm: bigint
  secondApprovalAbove: bigint
  allocationOrder: Array<'penalty' | 'fee' | 'interest' | 'principal'>
}

/** The demo bank's personal loan: GBP 500.00–25,000.00 over 6–60 months at 9.9%, 1% fee, 15.00 penalty after 5 grace days, 40% DTI, a second officer above 10,000.00 */
export const PERSONAL_LOAN: TestProductTerms = DEMO_LOAN_PRODUCTS.find((product) => product.code === 'personal-gbp')!.terms

/**
 * A published loan product (version 1, written by the system as a
 * migration or the demo seed would), with PERSONAL_LOAN's terms unless
 * overridden. Each call makes a product with its own code.
 */
export async function createLoanProduct(overrides: Partial<TestProductTerms> = {}) {
  const terms = { ...PERSONAL_LOAN, ...overrides }
  return db.transaction(async (trx) => {
    const product = await LoanProduct.create(
      { code: `test-${randomUUID().slice(0, 8)}`, status: 'active' },
      { client: trx }
    )
    const version = await LoanProductVersion.create({ productId: product.id, version: 1, ...terms }, { client: trx })
    product.useTransaction(trx)
    product.currentVersionId = version.id
    await product.save()
    return { product, version }
  })
}

/**
 * An active loan: an approved application written directly (the review
 * flow has its own tests) for `principal` over `termCount` months of the
 * product, paid out by DisburseLoan on `startDate`. The borrower's GBP
 * account starts with `funds`.
 */
export async function disbursedLoan(
  options: {
    principal?: bigint
    termCount?: number
    startDate?: string
    funds?: string
    product?: Partial<TestProductTerms>
    /** An existing customer (e.g. an API customer); a new verified one by default */
    customerId?: number
  } = {}
) {
  const { version } = await createLoanProduct(options.product)
  const customerId = options.customerId ?? (await createCustomer())
  const account = await openAccount(customerId, { currency: version.currency, fund: options.funds ?? '0.01' })
  const principal = options.principal ?? 1_200_00n
  const loan = await Loan.create({
    customerId,
    productVersionId: version.id,
    status: 'approved',
    currency: version.currency,
    principal,
    termCount: options.termCount ?? 12,
    annualRatePpm: version.annualRatePpm,
    frequency: version.frequency,
    amortisation: version.amortisation,
    originationFee: applyPpm(principal, version.originationFeePpm),
    purpose: 'Test loan',
    monthlyIncome: 3_000_00n,
    monthlyObligations: 0n,
    disbursementAccountId: account.id,
    documents: [],
    channel: 'api',
  })
  const { staff } = await createStaff({ role: 'loan_officer' })
  const disbursed = await (await app.container.make(DisburseLoan)).handle({
    loanId: loan.id,
    staff,
    context: NO_REQUEST,
    businessDate: options.startDate ?? '2026-01-15',
  })
  return { loan: disbursed.loan, account, customerId, version, transactionId: disbursed.transactionId }
}
