import { randomUUID } from 'node:crypto'
import type { KycStatus } from '#models/customer'
import { CustomerFactory } from '#database/factories/customer_factory'
import { fundAccount } from '#tests/helpers/ledger'

/**
 * Backoffice customers: from CustomerFactory, with names, emails and
 * numbers built on a tag unique to the test (the search and sort tests
 * look them up by it), and accounts opened through the ledger.
 */
const tagged = () => randomUUID().replaceAll('-', '').slice(0, 12)

/** A verified customer, "Ada <tag> Lovelace", with one account per deposit (funded when an amount is given) */
export async function customerWithAccounts(deposits: Array<{ currency: string; amount?: string }>) {
  const tag = tagged()
  const factory = CustomerFactory.apply('verified').merge({
    customerNumber: `C${tag}`,
    fullName: `Ada ${tag} Lovelace`,
    email: `ada-${tag}@example.test`,
  })
  if (deposits.length > 0) {
    factory.with('accounts', deposits.length, (account) => account.merge(deposits.map(({ currency }) => ({ currency }))))
  }
  const customer = await factory.create()
  const accounts = deposits.length > 0 ? customer.accounts : []
  for (const [i, deposit] of deposits.entries()) {
    if (deposit.amount) await fundAccount(accounts[i], deposit.amount)
  }
  return { tag, customerId: customer.id, accounts }
}

/** "Grace <tag> Hopper" with sensitive identifiers (phone, date of birth, address), unique to the test */
export async function plainCustomer(overrides: { fullName?: string; kycStatus?: string } = {}) {
  const tag = tagged()
  const customer = await CustomerFactory.apply('withPersonalData')
    .merge({ customerNumber: `C${tag}`, fullName: `Grace ${tag} Hopper`, email: `grace-${tag}@example.test`, ...(overrides as { kycStatus?: KycStatus }) })
    .create()
  return { tag, customerId: customer.id }
}

/** A small but real PDF (the upload's type is detected from its bytes) */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)
