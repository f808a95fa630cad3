import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { createApiCustomer } from '#tests/helpers/api'
import { balances, fundAccount, openAccount } from '#tests/helpers/ledger'
import {
  authoriseInBrowser,
  clientToken,
  createTestPartner,
  exchangeCode,
  partnerFetch,
  pushAuthorization,
  type TestPartner,
} from '#tests/helpers/openbanking'

function initiation(payeeNumber: string, amount: string) {
  return {
    InstructionIdentification: `instr-${randomUUID().slice(0, 8)}`,
    EndToEndIdentification: `e2e-${randomUUID().slice(0, 8)}`,
    InstructedAmount: { Amount: amount, Currency: 'GBP' },
    CreditorAccount: { SchemeName: 'UK.Strongroom.AccountNumber', Identification: payeeNumber, Name: 'Payee Ltd' },
    RemittanceInformation: { Reference: 'Order 1234' },
  }
}

/** A payment consent authorised by a funded customer: the partner's tokens and what it agreed */
async function authorisedPayment(partner: TestPartner, amount: string, funds = '500.00') {
  const customer = await createApiCustomer()
  const debtor = await openAccount(customer.id)
  await fundAccount(debtor, funds)
  const payeeOwner = await createApiCustomer()
  const payee = await openAccount(payeeOwner.id)
  const body = initiation(payee.number, amount)

  const created = await partnerFetch(partner, await clientToken(partner, 'payments'), '/api/v1/domestic-payment-consents', 'POST', {
    Data: { Initiation: body },
    Risk: {},
  })
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  const consentId = created.body.Data.ConsentId
  const pushed = await pushAuthorization(partner, consentId, 'payments')
  const callback = await authoriseInBrowser(pushed.url, customer, { approve: true, accountIds: [debtor.id] })
  const tokens = await exchangeCode(partner, callback, pushed)
  return { customer, debtor, payee, consentId, initiation: body, token: tokens.access_token }
}

function submit(partner: TestPartner, token: string, consentId: string, body: object, key = randomUUID()) {
  return partnerFetch(partner, token, '/api/v1/domestic-payments', 'POST', { Data: { ConsentId: consentId, Initiation: body }, Risk: {} }, {
    'idempotency-key': key,
  })
}

test.group('Open banking / domestic payments', () => {
  test('a partner pays once under the consent: funds confirmation, ACSC, the ledger moved, replay by key', async ({ assert }) => {
    const partner = await createTestPartner()
    const { debtor, payee, consentId, initiation: body, token } = await authorisedPayment(partner, '25.00')

    const funds = await partnerFetch(partner, token, `/api/v1/domestic-payment-consents/${consentId}/funds-confirmation`)
    assert.equal(funds.status, 200, JSON.stringify(funds.body))
    assert.isTrue(funds.body.Data.FundsAvailableResult.FundsAvailable)

    const key = randomUUID()
    const paid = await submit(partner, token, consentId, body, key)
    assert.equal(paid.status, 201, JSON.stringify(paid.body))
    assert.equal(paid.body.Data.Status, 'ACSC')
    assert.equal(paid.body.Data.ConsentId, consentId)
    assert.equal((await balances(debtor.id)).balance, 47500n)
    assert.equal((await balances(payee.id)).balance, 2500n)

    const replay = await submit(partner, token, consentId, body, key)
    assert.equal(replay.status, 200)
    assert.equal(replay.headers.get('idempotent-replayed'), 'true')
    assert.equal(replay.body.Data.DomesticPaymentId, paid.body.Data.DomesticPaymentId)

    const again = await submit(partner, token, consentId, body)
    assert.equal(again.status, 409)
    assert.equal(again.body.code, 'E_CONSENT_CONSUMED')
    assert.equal((await balances(debtor.id)).balance, 47500n)

    const reading = await clientToken(partner, 'payments')
    const shown = await partnerFetch(partner, reading, `/api/v1/domestic-payments/${paid.body.Data.DomesticPaymentId}`)
    assert.equal(shown.body.Data.Status, 'ACSC')
    const details = await partnerFetch(partner, reading, `/api/v1/domestic-payments/${paid.body.Data.DomesticPaymentId}/payment-details`)
    assert.equal(details.body.Data.PaymentStatus[0].Status, 'ACSC')
    const consent = await partnerFetch(partner, reading, `/api/v1/domestic-payment-consents/${consentId}`)
    assert.equal(consent.body.Data.Status, 'COND')

    const other = await createTestPartner()
    const foreign = await partnerFetch(other, await clientToken(other, 'payments'), `/api/v1/domestic-payments/${paid.body.Data.DomesticPaymentId}`)
    assert.equal(foreign.status, 404)
  })

  test('ten concurrent submissions with different keys book the payment exactly once; ledger:verify is clean', async ({ assert }) => {
    const partner = await createTestPartner()
    const { debtor, payee, consentId, initiation: body, token } = await authorisedPayment(partner, '40.00')
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(partner, token, consentId, body)))
    const statuses = results.map((r) => r.status).sort()
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409, 409, 409], JSON.stringify(results.map((r) => r.body)))
    assert.equal((await balances(debtor.id)).balance, 46000n)
    assert.equal((await balances(payee.id)).balance, 4000n)
    const rows = await db.from('openbanking_payments').where('consent_id', consentId).count('* as n')
    assert.equal(Number(rows[0].n), 1)

    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
  })

  test('a payment that differs from its consent is refused (422) and moves nothing; the consent stays usable', async ({ assert }) => {
    const partner = await createTestPartner()
    const { debtor, consentId, initiation: body, token } = await authorisedPayment(partner, '10.00')
    const changed = { ...body, InstructedAmount: { Amount: '1000.00', Currency: 'GBP' } }
    const refused = await submit(partner, token, consentId, changed)
    assert.equal(refused.status, 422)
    assert.equal(refused.body.code, 'E_INITIATION_MISMATCH')
    assert.equal((await balances(debtor.id)).balance, 50000n)
    assert.equal((await submit(partner, token, consentId, body)).status, 201)
  })

  test('insufficient funds: 422 E_INSUFFICIENT_FUNDS, funds confirmation false, nothing booked', async ({ assert }) => {
    const partner = await createTestPartner()
    const { debtor, consentId, initiation: body, token } = await authorisedPayment(partner, '90.00', '50.00')
    const funds = await partnerFetch(partner, token, `/api/v1/domestic-payment-consents/${consentId}/funds-confirmation`)
    assert.isFalse(funds.body.Data.FundsAvailableResult.FundsAvailable)
    const refused = await submit(partner, token, consentId, body)
    assert.equal(refused.status, 422, JSON.stringify(refused.body))
    assert.equal(refused.body.code, 'E_INSUFFICIENT_FUNDS')
    assert.equal((await balances(debtor.id)).balance, 5000n)
  })

  test('an account-access token cannot pay, a payment token cannot read accounts', async ({ assert }) => {
    const partner = await createTestPartner()
    const { consentId, initiation: body, token } = await authorisedPayment(partner, '5.00')
    const accounts = await partnerFetch(partner, token, '/api/v1/accounts')
    assert.equal(accounts.status, 403)
    assert.equal(accounts.body.code, 'E_PARTNER_TOKEN_NOT_ALLOWED')
    const readOnly = await createTestPartner({ scopes: ['accounts'] })
    const forbidden = await partnerFetch(readOnly, await clientToken(readOnly, 'accounts'), '/api/v1/domestic-payment-consents', 'POST', {
      Data: { Initiation: body },
    })
    assert.equal(forbidden.status, 403)
    assert.equal((await submit(partner, token, consentId, body)).status, 201)
  })

  test('payment initiation refuses a customer\'s own token (401) and a consent amount finer than the currency (422)', async ({ assert, client }) => {
    const customer = await createApiCustomer()
    const { tokenFor } = await import('#tests/helpers/api')
    const own = await tokenFor(customer.id)
    const pay = await client.post('/api/v1/domestic-payments').bearerToken(own).header('Idempotency-Key', randomUUID()).json({})
    pay.assertStatus(401)
    assert.equal(pay.body().code, 'E_INVALID_TOKEN')
    assert.match(pay.header('www-authenticate') ?? '', /^DPoP/)

    const partner = await createTestPartner()
    const payee = await openAccount(customer.id)
    const fine = await partnerFetch(partner, await clientToken(partner, 'payments'), '/api/v1/domestic-payment-consents', 'POST', {
      Data: { Initiation: initiation(payee.number, '1.005') },
    })
    assert.equal(fine.status, 422)
    assert.equal(fine.body.code, 'E_INVALID_AMOUNT')
  })
})
