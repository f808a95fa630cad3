import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { createLoanProduct } from '#tests/helpers/loans'

/**
 * The backoffice's loan product forms as a browser sends them (decimals
 * and percentages as text), valid unless overridden: a fresh code each
 * time, PERSONAL_LOAN's terms.
 */
export function productTermsForm<T extends Record<string, unknown>>(overrides: T = {} as T) {
  return {
    name: 'Personal loan',
    min_principal: '500.00',
    max_principal: '25000.00',
    min_term: 6,
    max_term: 60,
    annual_rate: '9.9',
    frequency: 'monthly',
    amortisation: 'annuity',
    origination_fee: '1',
    late_penalty: '15.00',
    grace_days: 5,
    max_debt_to_income: '40',
    second_approval_above: '10000.00',
    allocation_order: ['penalty', 'fee', 'interest', 'principal'],
    reason: 'New offer for the spring campaign',
    idempotency_key: randomUUID(),
    ...overrides,
  }
}

/** The "new product" form: a fresh code in GBP */
export function newProductForm<T extends Record<string, unknown>>(overrides: T = {} as T) {
  return productTermsForm({ code: `test-${randomUUID().slice(0, 8)}`, currency: 'GBP', ...overrides })
}

/** A published product (version 1, by the system) that is retired */
export async function retiredLoanProduct() {
  const created = await createLoanProduct()
  await db.from('loan_products').where('id', created.product.id).update({ status: 'retired' })
  return created
}
