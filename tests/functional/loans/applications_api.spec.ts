import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Loan from '#models/loan'
import LoanProduct from '#models/loan_product'
import DisburseLoan from '#actions/loans/disburse_loan'
import { transitionLoan } from '#actions/loans/loan_transition'
import { NO_REQUEST } from '#domain/audit/actor'
import type { LoanState } from '#domain/loans/lifecycle'
import { monthlyEquivalentOfWeekly } from '#domain/loans/assessment'
import { Money } from '#domain/money/money'
import { assertProblem, createApiCustomer, tokenFor, type ApiCustomer } from '#tests/helpers/api'
import { openAccount, setStatus } from '#tests/helpers/ledger'
import { createLoanProduct, type TestProductTerms } from '#tests/helpers/loans'
import { createStaff } from '#tests/helpers/staff'
import { PDF_BYTES } from '#tests/helpers/customers'

/**
 * The customer API of loans: products on offer, applications (submit with
 * its stored assessment, list, show with a schedule preview, withdraw,
 * documents) and loans once paid out (detail, stored schedule). Every
 * response is also checked against the OpenAPI document.
 */

/** A 1×1 transparent PNG */
const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)

interface Applicant {
  customer: ApiCustomer
  token: string
  accountId: number
  productId: number
}

async function applicant(product: Partial<TestProductTerms> = {}, kyc: 'verified' | 'pending' = 'verified'): Promise<Applicant> {
  const customer = await createApiCustomer({ kyc })
  const account = await openAccount(customer.id)
  const created = await createLoanProduct(product)
  return { customer, token: await tokenFor(customer.id, { abilities: [] }), accountId: account.id, productId: created.product.id }
}

function applicationBody(a: Applicant, overrides: Record<string, unknown> = {}) {
  return {
    productId: String(a.productId),
    principal: { amount: '5000.00', currency: 'GBP' },
    termCount: 24,
    purpose: 'A used car',
    monthlyIncome: { amount: '3000.00', currency: 'GBP' },
    monthlyObligations: { amount: '400.00', currency: 'GBP' },
    disbursementAccountId: String(a.accountId),
    ...overrides,
  }
}

function submit(client: any, a: Applicant, overrides: Record<string, unknown> = {}, key?: string) {
  const request = client.post('/api/v1/loan-applications').bearerToken(a.token)
  if (key) request.header('Idempotency-Key', key)
  return request.json(applicationBody(a, overrides))
}

async function submitted(client: any, a: Applicant, overrides: Record<string, unknown> = {}): Promise<number> {
  const response = await submit(client, a, overrides)
  response.assertStatus(201)
  return Number(response.body().data.id)
}

const loansOf = async (customerId: number) => db.from('loans').where('customer_id', customerId).orderBy('id')
const auditOf = (action: string, loanId: number) =>
  db.from('audit_events').where({ action, subject_type: 'loan', subject_id: String(loanId) })
const minor = (money: { amount: string; currency: string }) => Money.fromDecimal(money.amount, money.currency).minor

/** Moves a loan along the lifecycle the way the officers' actions do (transitionLoan), for the API to see */
async function moveTo(loanId: number, path: LoanState[]) {
  await db.transaction(async (trx) => {
    const loan = await Loan.query({ client: trx }).where('id', loanId).forUpdate().firstOrFail()
    for (const to of path) {
      const decided = to === 'approved' || to === 'rejected'
      await transitionLoan(trx, {
        loan,
        to,
        actor: { type: 'system', id: 'tests' },
        context: NO_REQUEST,
        changes: decided ? { decidedAt: DateTime.utc(), decisionReason: `Officer: ${to}` } : {},
      })
    }
  })
}

/** An application approved and paid out through DisburseLoan (status active) */
async function disbursed(client: any, a: Applicant): Promise<number> {
  const id = await submitted(client, a)
  await moveTo(id, ['under_review', 'approved'])
  const { staff } = await createStaff({ role: 'loan_officer' })
  await (await app.container.make(DisburseLoan)).handle({ loanId: id, staff, context: NO_REQUEST })
  return id
}

test.group('Loans API: products on offer', () => {
  test('lists active products with their current terms as money and percent strings; a retired one is not offered', async ({ client, assert }) => {
    const a = await applicant({ name: 'Offered loan' })
    const retired = await createLoanProduct({ name: 'Retired loan' })
    await LoanProduct.query().where('id', retired.product.id).update({ status: 'retired' })

    const response = await client.get('/api/v1/loan-products').bearerToken(a.token)
    response.assertStatus(200)
    const ids = response.body().data.map((p: any) => p.id)
    assert.include(ids, String(a.productId))
    assert.notInclude(ids, String(retired.product.id))
    const offered = response.body().data.find((p: any) => p.id === String(a.productId))
    assert.containsSubset(offered, {
      name: 'Offered loan',
      version: 1,
      currency: 'GBP',
      minPrincipal: { amount: '500.00', currency: 'GBP' },
      maxPrincipal: { amount: '25000.00', currency: 'GBP' },
      minTerm: 6,
      maxTerm: 60,
      annualRate: '9.9',
      originationFeeRate: '1',
      latePenalty: { amount: '15.00', currency: 'GBP' },
      graceDays: 5,
    })
  })

  test('requires a bearer token (401)', async ({ client, assert }) => {
    assertProblem(assert, await client.get('/api/v1/loan-products'), 401, 'E_UNAUTHORIZED')
  })
})

test.group('Loans API: POST /api/v1/loan-applications', () => {
  test('submits (201): terms copied from the product version, the assessment stored with its reasons, one audit row', async ({ client, assert }) => {
    const a = await applicant()
    const response = await submit(client, a)
    response.assertStatus(201)
    const data = response.body().data
    assert.containsSubset(data, {
      status: 'submitted',
      principal: { amount: '5000.00', currency: 'GBP' },
      termCount: 24,
      frequency: 'monthly',
      amortisation: 'annuity',
      annualRate: '9.9',
      originationFee: { amount: '50.00', currency: 'GBP' },
      purpose: 'A used car',
      disbursementAccountId: String(a.accountId),
      channel: 'api',
      documents: [],
      decision: null,
      loanId: null,
    })
    assert.equal(data.assessment.maxDebtToIncome, '40')
    assert.deepEqual(
      data.assessment.checks.map((c: any) => [c.code, c.outcome]),
      [['kyc_verified', 'pass'], ['accounts_in_good_standing', 'pass'], ['disbursement_account', 'pass'], ['affordability', 'pass'], ['existing_loans', 'pass']]
    )

    const [row] = await loansOf(a.customer.id)
    assert.equal(Number(row.id), Number(data.id))
    assert.equal(row.status, 'submitted')
    assert.equal(String(row.principal), '500000')
    assert.equal(String(row.origination_fee), '5000')
    assert.equal(String(row.annual_rate_ppm), '99000')
    assert.equal(row.recommendation, 'approve')
    assert.equal(row.assessment.recommendation, 'approve')
    assert.lengthOf(row.assessment.checks, 6)
    assert.include(row.assessment.checks.find((c: any) => c.code === 'risk_alerts').reason, 'No open risk alerts')
    assert.match(row.assessment.checks.find((c: any) => c.code === 'affordability').reason, /within the 40% limit/)
    /* (400.00 + the first instalment) / 3000.00, rounded up, in ppm */
    const instalment = BigInt(row.assessment.proposedMonthlyInstalment)
    assert.equal(row.assessment.debtToIncomePpm, String((((40_000n + instalment) * 1_000_000n) + 299_999n) / 300_000n))
    assert.equal(minor(data.assessment.proposedMonthlyInstalment), instalment)

    const audit = await auditOf('loans.loan.submitted', Number(data.id))
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actor_type, 'customer')
    assert.equal(audit[0].actor_id, String(a.customer.id))
    assert.equal(audit[0].after.principal, '500000')
  })

  test('stores a decline with its failing reasons: KYC not verified, frozen disbursement account, unaffordable', async ({ client, assert }) => {
    const a = await applicant({}, 'pending')
    await setStatus(a.accountId, 'frozen')
    const response = await submit(client, a, { monthlyObligations: { amount: '3500.00', currency: 'GBP' } })
    response.assertStatus(201)
    /* debts above income: a ratio over 100% */
    assert.match(response.body().data.assessment.debtToIncome, /^1\d\d(\.\d{1,4})?$/)
    const [row] = await loansOf(a.customer.id)
    assert.equal(row.recommendation, 'decline')
    const outcome = Object.fromEntries(row.assessment.checks.map((c: any) => [c.code, c.outcome]))
    assert.containsSubset(outcome, { kyc_verified: 'fail', disbursement_account: 'fail', affordability: 'fail', accounts_in_good_standing: 'warn' })
    assert.match(row.assessment.checks.find((c: any) => c.code === 'affordability').reason, /above the 40% limit/)
  })

  test('a weekly product is assessed on the monthly equivalent of its first instalment', async ({ client, assert }) => {
    const a = await applicant({ frequency: 'weekly', minTerm: 4, maxTerm: 260 })
    const response = await submit(client, a, { termCount: 52 })
    response.assertStatus(201)
    const [row] = await loansOf(a.customer.id)
    const preview = (await client.get(`/api/v1/loan-applications/${row.id}`).bearerToken(a.token)).body().data.schedulePreview
    const weekly = minor(preview.instalments[0].total)
    assert.equal(row.assessment.proposedMonthlyInstalment, String(monthlyEquivalentOfWeekly(weekly)))
    assert.isAbove(Number(row.assessment.proposedMonthlyInstalment), Number(weekly * 4n))
  })

  test('requires a bearer token (401) and writes nothing', async ({ client, assert }) => {
    const a = await applicant()
    const response = await client.post('/api/v1/loan-applications').json(applicationBody(a))
    assertProblem(assert, response, 401, 'E_UNAUTHORIZED')
    assert.lengthOf(await loansOf(a.customer.id), 0)
  })

  test('refuses each bad input with 422 naming the field, and changes nothing', async ({ client, assert }) => {
    const a = await applicant()
    const stranger = await createApiCustomer()
    const foreign = await openAccount(stranger.id)
    const euro = await openAccount(a.customer.id, { currency: 'EUR' })
    const closed = await openAccount(a.customer.id)
    await setStatus(closed.id, 'closed')
    const retired = await createLoanProduct()
    await LoanProduct.query().where('id', retired.product.id).update({ status: 'retired' })
    const eur = (amount: string) => ({ amount, currency: 'EUR' })

    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['principal below the minimum', { principal: { amount: '499.99', currency: 'GBP' } }, 'E_LOAN_TERMS_OUT_OF_RANGE', 'principal'],
      ['principal above the maximum', { principal: { amount: '25000.01', currency: 'GBP' } }, 'E_LOAN_TERMS_OUT_OF_RANGE', 'principal'],
      ['term below the minimum', { termCount: 5 }, 'E_LOAN_TERMS_OUT_OF_RANGE', 'termCount'],
      ['term above the maximum', { termCount: 61 }, 'E_LOAN_TERMS_OUT_OF_RANGE', 'termCount'],
      ['another customer\'s account', { disbursementAccountId: String(foreign.id) }, 'E_LOAN_DISBURSEMENT_ACCOUNT_INVALID', 'disbursementAccountId'],
      ['an account in another currency', { disbursementAccountId: String(euro.id) }, 'E_LOAN_DISBURSEMENT_ACCOUNT_INVALID', 'disbursementAccountId'],
      ['a closed account', { disbursementAccountId: String(closed.id) }, 'E_LOAN_DISBURSEMENT_ACCOUNT_INVALID', 'disbursementAccountId'],
      ['an unknown product', { productId: '999999999' }, 'E_LOAN_PRODUCT_NOT_OFFERED', 'productId'],
      ['a retired product', { productId: String(retired.product.id) }, 'E_LOAN_PRODUCT_NOT_OFFERED', 'productId'],
      ['amounts in a currency the product does not lend', { principal: eur('5000.00'), monthlyIncome: eur('3000.00'), monthlyObligations: eur('0') }, 'E_CURRENCY_MISMATCH', 'principal.currency'],
      ['amounts in two currencies', { monthlyIncome: eur('3000.00') }, 'E_CURRENCY_MISMATCH', 'monthlyIncome.currency'],
      ['more decimals than the currency has', { principal: { amount: '5000.001', currency: 'GBP' } }, 'E_INVALID_AMOUNT', ''],
      ['an amount as a JSON number', { principal: { amount: 5000, currency: 'GBP' } }, 'E_VALIDATION_ERROR', 'principal.amount'],
      ['a term that is not an integer', { termCount: 12.5 }, 'E_VALIDATION_ERROR', 'termCount'],
      ['no purpose', { purpose: '' }, 'E_VALIDATION_ERROR', 'purpose'],
    ]
    for (const [label, overrides, code, field] of cases) {
      const problem = assertProblem(assert, await submit(client, a, overrides), 422, code)
      if (field) assert.include(problem.errors.map((e: any) => e.field), field, label)
    }
    const both = assertProblem(assert, await submit(client, a, { termCount: 61, principal: { amount: '1.00', currency: 'GBP' } }), 422, 'E_LOAN_TERMS_OUT_OF_RANGE')
    assert.sameMembers(both.errors.map((e: any) => e.field), ['principal', 'termCount'])
    assert.include(both.errors[0].message, '500.00 and 25000.00 GBP')

    assert.lengthOf(await loansOf(a.customer.id), 0)
    const audit = await db.from('audit_events').where('action', 'loans.loan.submitted').whereRaw("metadata->>'customer_id' = ?", [String(a.customer.id)])
    assert.lengthOf(audit, 0)
  })

  test('an Idempotency-Key replays the first application (Idempotent-Replayed: true); another body with it is 422', async ({ client, assert }) => {
    const a = await applicant()
    const key = randomUUID()
    const first = await submit(client, a, {}, key)
    const again = await submit(client, a, {}, key)
    first.assertStatus(201)
    again.assertStatus(201)
    assert.isUndefined(first.header('idempotent-replayed'))
    assert.equal(again.header('idempotent-replayed'), 'true')
    assert.equal(again.body().data.id, first.body().data.id)
    assertProblem(assert, await submit(client, a, { termCount: 36 }, key), 422, 'E_IDEMPOTENCY_KEY_REUSED')
    assert.lengthOf(await loansOf(a.customer.id), 1)
    /* without a key, each request is a new application */
    await submitted(client, a)
    assert.lengthOf(await loansOf(a.customer.id), 2)
  })
})

test.group('Loans API: reading applications', () => {
  test('shows the application with a schedule preview from today whose principal sums exactly to the principal', async ({ client, assert }) => {
    const a = await applicant()
    const id = await submitted(client, a, { principal: { amount: '5000.01', currency: 'GBP' }, termCount: 7 })
    const response = await client.get(`/api/v1/loan-applications/${id}`).bearerToken(a.token)
    response.assertStatus(200)
    const preview = response.body().data.schedulePreview
    assert.equal(preview.startDate, DateTime.utc().toISODate())
    assert.lengthOf(preview.instalments, 7)
    const principal = preview.instalments.reduce((sum: bigint, i: any) => sum + minor(i.principal), 0n)
    assert.equal(principal, 500_001n)
    assert.deepEqual(preview.totals.principal, { amount: '5000.01', currency: 'GBP' })
    assert.equal(preview.instalments[6].balanceAfter.amount, '0.00')
    for (const i of preview.instalments) assert.equal(minor(i.total), minor(i.principal) + minor(i.interest))
    assert.equal(preview.instalments[0].dueDate, DateTime.utc().plus({ months: 1 }).toISODate())
  })

  test('another customer\'s application is 404 E_LOAN_NOT_FOUND on every route; a malformed id too', async ({ client, assert }) => {
    const a = await applicant()
    const id = await submitted(client, a)
    const intruder = await tokenFor((await createApiCustomer()).id)
    assertProblem(assert, await client.get(`/api/v1/loan-applications/${id}`).bearerToken(intruder), 404, 'E_LOAN_NOT_FOUND')
    assertProblem(assert, await client.post(`/api/v1/loan-applications/${id}/withdraw`).bearerToken(intruder), 404, 'E_LOAN_NOT_FOUND')
    const upload = await client
      .post(`/api/v1/loan-applications/${id}/documents`)
      .bearerToken(intruder)
      .file('file', PDF_BYTES, { filename: 'payslip.pdf', contentType: 'application/pdf' })
    assertProblem(assert, upload, 404, 'E_LOAN_NOT_FOUND')
    assertProblem(assert, await client.get('/api/v1/loan-applications/abc').bearerToken(a.token), 404, 'E_LOAN_NOT_FOUND')
    const [row] = await loansOf(a.customer.id)
    assert.equal(row.status, 'submitted')
    assert.deepEqual(row.documents, [])
  })

  test('lists the customer\'s own applications newest first, cursor-paginated', async ({ client, assert }) => {
    const a = await applicant()
    const ids = [await submitted(client, a), await submitted(client, a), await submitted(client, a)]
    const other = await applicant()
    await submitted(client, other)

    const first = await client.get('/api/v1/loan-applications?limit=2').bearerToken(a.token)
    first.assertStatus(200)
    assert.deepEqual(first.body().data.map((d: any) => Number(d.id)), [ids[2], ids[1]])
    assert.notProperty(first.body().data[0], 'schedulePreview')
    const next = first.body().links.next
    assert.match(next, /^\/api\/v1\/loan-applications\?limit=2&cursor=/)
    const second = await client.get(next).bearerToken(a.token)
    assert.deepEqual(second.body().data.map((d: any) => Number(d.id)), [ids[0]])
    assert.isNull(second.body().links.next)

    assertProblem(assert, await client.get('/api/v1/loan-applications?cursor=bm90LWEtY3Vyc29y').bearerToken(a.token), 422, 'E_VALIDATION_ERROR')
    assertProblem(assert, await client.get('/api/v1/loan-applications').bearerToken('sr_not-a-token'), 401, 'E_UNAUTHORIZED')
  })
})

test.group('Loans API: withdrawing', () => {
  test('withdraws a submitted application (200, audited); withdrawing it again is 409 E_LOAN_TRANSITION_REFUSED', async ({ client, assert }) => {
    const a = await applicant()
    const id = await submitted(client, a)
    const response = await client.post(`/api/v1/loan-applications/${id}/withdraw`).bearerToken(a.token)
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'withdrawn')
    assert.isNotNull(response.body().data.closedAt)
    const audit = await auditOf('loans.loan.withdrawn', id)
    assert.lengthOf(audit, 1)
    assert.deepEqual(audit[0].before, { status: 'submitted' })
    assert.equal(audit[0].actor_type, 'customer')

    const again = await client.post(`/api/v1/loan-applications/${id}/withdraw`).bearerToken(a.token)
    assertProblem(assert, again, 409, 'E_LOAN_TRANSITION_REFUSED')
    assert.lengthOf(await auditOf('loans.loan.withdrawn', id), 1)
    const shown = await client.get(`/api/v1/loan-applications/${id}`).bearerToken(a.token)
    assert.isNull(shown.body().data.schedulePreview)
  })

  test('withdraws an application under review or approved', async ({ client, assert }) => {
    const a = await applicant()
    for (const path of [['under_review'], ['under_review', 'approved']] as LoanState[][]) {
      const id = await submitted(client, a)
      await moveTo(id, path)
      const response = await client.post(`/api/v1/loan-applications/${id}/withdraw`).bearerToken(a.token)
      response.assertStatus(200)
      assert.equal(response.body().data.status, 'withdrawn')
    }
  })

  test('refuses to withdraw a rejected application or a loan paid out, whatever its status since (409), changing nothing', async ({ client, assert }) => {
    const a = await applicant()
    const rejected = await submitted(client, a)
    await moveTo(rejected, ['under_review', 'rejected'])
    const cases: Array<[number, LoanState]> = [[rejected, 'rejected']]
    for (const after of [[], ['in_arrears'], ['paid_off'], ['written_off']] as LoanState[][]) {
      const id = await disbursed(client, a)
      await moveTo(id, after)
      cases.push([id, after[0] ?? 'active'])
    }
    for (const [id, status] of cases) {
      const response = await client.post(`/api/v1/loan-applications/${id}/withdraw`).bearerToken(a.token)
      const problem = assertProblem(assert, response, 409, 'E_LOAN_TRANSITION_REFUSED')
      assert.include(problem.detail, 'cannot be withdrawn', status)
      assert.equal((await db.from('loans').where('id', id).first()).status, status)
    }
  })

  test('shows the decision once taken, with its reason', async ({ client, assert }) => {
    const a = await applicant()
    const id = await submitted(client, a)
    await moveTo(id, ['under_review', 'rejected'])
    const data = (await client.get(`/api/v1/loan-applications/${id}`).bearerToken(a.token)).body().data
    assert.equal(data.status, 'rejected')
    assert.containsSubset(data.decision, { outcome: 'rejected', reason: 'Officer: rejected' })
    assert.isNull(data.schedulePreview)
  })
})

test.group('Loans API: documents', () => {
  test('attaches a PDF (201, metadata on the application, audited) and downloads it', async ({ client, assert }) => {
    const a = await applicant()
    const id = await submitted(client, a)
    const response = await client
      .post(`/api/v1/loan-applications/${id}/documents`)
      .bearerToken(a.token)
      .file('file', PDF_BYTES, { filename: 'payslip.pdf', contentType: 'application/pdf' })
    response.assertStatus(201)
    const document = response.body().data
    assert.containsSubset(document, { name: 'payslip.pdf', contentType: 'application/pdf', size: PDF_BYTES.length, uploadedBy: 'customer' })

    const [row] = await loansOf(a.customer.id)
    assert.lengthOf(row.documents, 1)
    assert.containsSubset(row.documents[0], { id: document.id, uploadedBy: { type: 'customer', id: a.customer.id } })
    assert.lengthOf(await auditOf('loans.loan.document_uploaded', id), 1)

    const shown = await client.get(`/api/v1/loan-applications/${id}`).bearerToken(a.token)
    assert.deepEqual(shown.body().data.documents, [document])

    const download = await client.get(`/api/v1/loan-applications/${id}/documents/${document.id}`).bearerToken(a.token)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    assert.match(download.header('content-disposition')!, /^attachment; filename="payslip.pdf"/)
    assertProblem(assert, await client.get(`/api/v1/loan-applications/${id}/documents/${randomUUID()}`).bearerToken(a.token), 404, 'E_LOAN_DOCUMENT_NOT_FOUND')
  })

  test('refuses a file that is not a PDF, JPEG or PNG by its bytes (422), an unknown extension and a missing file', async ({ client, assert }) => {
    const a = await applicant()
    const id = await submitted(client, a)
    const disguised = await client
      .post(`/api/v1/loan-applications/${id}/documents`)
      .bearerToken(a.token)
      .file('file', Buffer.from('Just some words, not a PDF at all'), { filename: 'payslip.pdf', contentType: 'application/pdf' })
    /* the type comes from the bytes, not the name (UploadLoanDocument sniffs them again behind the validator) */
    assert.equal(assertProblem(assert, disguised, 422, 'E_VALIDATION_ERROR').errors[0].field, 'file')
    const text = await client
      .post(`/api/v1/loan-applications/${id}/documents`)
      .bearerToken(a.token)
      .file('file', Buffer.from('hello'), { filename: 'notes.txt', contentType: 'text/plain' })
    const problem = assertProblem(assert, text, 422, 'E_VALIDATION_ERROR')
    assert.equal(problem.errors[0].field, 'file')
    const missing = await client.post(`/api/v1/loan-applications/${id}/documents`).bearerToken(a.token).fields({ note: 'x' })
    assertProblem(assert, missing, 422, 'E_VALIDATION_ERROR')
    assert.deepEqual((await loansOf(a.customer.id))[0].documents, [])
  })

  test('takes documents under review; refuses them once the application is withdrawn (409 E_LOAN_DOCUMENTS_CLOSED)', async ({ client, assert }) => {
    const a = await applicant()
    const id = await submitted(client, a)
    await moveTo(id, ['under_review'])
    const png = await client
      .post(`/api/v1/loan-applications/${id}/documents`)
      .bearerToken(a.token)
      .file('file', PNG_BYTES, { filename: 'statement.png', contentType: 'image/png' })
    png.assertStatus(201)
    assert.equal(png.body().data.contentType, 'image/png')

    ;(await client.post(`/api/v1/loan-applications/${id}/withdraw`).bearerToken(a.token)).assertStatus(200)
    const late = await client
      .post(`/api/v1/loan-applications/${id}/documents`)
      .bearerToken(a.token)
      .file('file', PDF_BYTES, { filename: 'late.pdf', contentType: 'application/pdf' })
    assertProblem(assert, late, 409, 'E_LOAN_DOCUMENTS_CLOSED')
    assert.lengthOf((await loansOf(a.customer.id))[0].documents, 1)
  })
})

test.group('Loans API: loans paid out', () => {
  test('GET /loans lists only loans paid out; the detail shows the principal outstanding and the next instalment', async ({ client, assert }) => {
    const a = await applicant()
    const pending = await submitted(client, a)
    const id = await disbursed(client, a)

    const list = await client.get('/api/v1/loans').bearerToken(a.token)
    list.assertStatus(200)
    assert.deepEqual(list.body().data.map((l: any) => Number(l.id)), [id])
    assert.isNull(list.body().links.next)
    assert.notProperty(list.body().data[0], 'outstandingPrincipal')

    const shown = await client.get(`/api/v1/loans/${id}`).bearerToken(a.token)
    shown.assertStatus(200)
    const loan = shown.body().data
    assert.containsSubset(loan, {
      status: 'active',
      principal: { amount: '5000.00', currency: 'GBP' },
      outstandingPrincipal: { amount: '5000.00', currency: 'GBP' },
      daysPastDue: 0,
      startDate: DateTime.utc().toISODate(),
    })
    assert.equal(loan.nextInstalment.number, 1)
    assert.equal(loan.nextInstalment.dueDate, DateTime.utc().plus({ months: 1 }).toISODate())
    assert.deepEqual(loan.nextInstalment.fee, { amount: '0.00', currency: 'GBP' })

    assertProblem(assert, await client.get(`/api/v1/loans/${pending}`).bearerToken(a.token), 404, 'E_LOAN_NOT_FOUND')
    const application = (await client.get(`/api/v1/loan-applications/${id}`).bearerToken(a.token)).body().data
    assert.equal(application.loanId, String(id))
    assert.isNull(application.schedulePreview)
  })

  test('GET /loans/:id/schedule: the stored instalments with paid amounts per component, summing to the principal', async ({ client, assert }) => {
    const a = await applicant()
    const id = await disbursed(client, a)
    await db.from('loan_instalments').where({ loan_id: id, number: 1 }).update({ interest_paid: 1000 })

    const response = await client.get(`/api/v1/loans/${id}/schedule`).bearerToken(a.token)
    response.assertStatus(200)
    const schedule = response.body().data
    assert.equal(schedule.loanId, String(id))
    assert.lengthOf(schedule.instalments, 24)
    assert.equal(schedule.instalments.reduce((sum: bigint, i: any) => sum + minor(i.principal), 0n), 500_000n)
    assert.containsSubset(schedule.instalments[0], { number: 1, status: 'upcoming', interestPaid: { amount: '10.00', currency: 'GBP' }, paid: { amount: '10.00', currency: 'GBP' } })
    assert.deepEqual(schedule.totals.paid, { amount: '10.00', currency: 'GBP' })
    assert.equal(minor(schedule.totals.outstanding), minor(schedule.totals.due) - 1000n)

    const intruder = await tokenFor((await createApiCustomer()).id)
    assertProblem(assert, await client.get(`/api/v1/loans/${id}/schedule`).bearerToken(intruder), 404, 'E_LOAN_NOT_FOUND')
    assertProblem(assert, await client.get(`/api/v1/loans/${id}`).bearerToken(intruder), 404, 'E_LOAN_NOT_FOUND')
    assertProblem(assert, await client.get('/api/v1/loans'), 401, 'E_UNAUTHORIZED')
  })
})
