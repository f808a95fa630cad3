import { randomUUID } from 'node:crypto'
import Factory from '@adonisjs/lucid/factories'
import encryption from '@adonisjs/core/services/encryption'
import { DateTime } from 'luxon'
import Customer from '#models/customer'
import { newTotpSecret } from '#services/auth/totp'
import { insertWithKnownPassword } from '#database/factories/known_password'
import { AccountFactory } from '#database/factories/account_factory'

/** The password of every factory customer (hashed once per process, see known_password.ts) */
export const CUSTOMER_PASSWORD = 'correct horse battery staple'

/**
 * Customers, inserted as the customers module stores them (personal data
 * sealed under the customer's key with its blind indexes, the password a
 * real scrypt hash). Unique per call: the customer number and the email carry a random
 * tag. Defaults to KYC 'pending', as the table does.
 *
 * States: `verified`, `kycRejected` (with a reason), `withTotp` (an
 * encrypted TOTP secret, enabled now; the clear secret is in
 * `customer.$extras.totpSecret`), `withPersonalData` (phone, date of birth
 * and address, the sensitive fields the backoffice masks).
 * Relation: `accounts`, opened through the ledger (see AccountFactory).
 */
export const CustomerFactory = Factory.define(Customer, ({ faker }) => {
  const tag = randomUUID().replaceAll('-', '').slice(0, 12)
  return {
    customerNumber: `C${tag}`,
    fullName: faker.person.fullName(),
    email: `customer-${tag}@example.test`,
    password: CUSTOMER_PASSWORD,
    kycStatus: 'pending' as const,
    status: 'active',
  }
})
  .state('verified', (customer) => {
    customer.kycStatus = 'verified'
  })
  .state('kycRejected', (customer) => {
    customer.kycStatus = 'rejected'
    customer.kycRejectionReason = 'The document is unreadable'
  })
  .state('withTotp', (customer) => {
    const secret = newTotpSecret()
    customer.totpSecret = encryption.encrypt(secret)
    customer.totpEnabledAt = DateTime.now()
    customer.$extras.totpSecret = secret
  })
  .state('withPersonalData', (customer) => {
    customer.phone = '+44 7700 900123'
    customer.dateOfBirth = DateTime.fromISO('1980-04-05')
    customer.address = { line1: '1 Bank St', line2: null, city: 'London', postcode: 'E14 5AB', country: 'GB' }
  })
  .relation('accounts', () => AccountFactory)
  .before('create', async (_, row, ctx) => {
    /* saveQuietly() below skips the model's hooks: seal the personal data first (as save() would) */
    if (ctx.$trx) row.useTransaction(ctx.$trx)
    await Customer.sealPersonalData(row)
    await insertWithKnownPassword(row, CUSTOMER_PASSWORD, ctx)
  })
  .build()
