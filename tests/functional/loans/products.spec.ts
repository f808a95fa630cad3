import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import { offeredProduct, offeredProducts } from '#queries/loans/product_queries'
import { refusalOn, resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import { createLoanProduct } from '#tests/helpers/loans'
import { newProductForm, productTermsForm } from '#tests/helpers/loan_products'
import { createCustomer, openAccount } from '#tests/helpers/ledger'
import type { StaffAgent } from '#tests/helpers/staff_agent'
import { owner } from '#tests/helpers/audit'
import SeedDemoLoanProducts from '#actions/demo/seed_demo_loan_products'

/**
 * Loan products over HTTP: an administrator requests a product, a new
 * version, a retirement or a reactivation; nothing is published until a
 * second administrator approves it in the approvals inbox. Versions are
 * append-only and a loan keeps the terms it copied.
 */
const PRODUCTS = '/backoffice/loan-products'

async function pendingChanges(code?: string) {
  const query = db.from('approvals').where('kind', 'loans.product_change').where('status', 'pending').orderBy('id', 'desc')
  if (code) query.where('subject_id', code)
  return query
}

async function approve(checker: StaffAgent, approvalId: number) {
  const response = await checker.post(`/backoffice/approvals/${approvalId}/approve`, { reason: 'Reviewed' })
  response.assertStatus(302)
  return (await refusalOn(checker, `/backoffice/approvals/${approvalId}`)).flash.error
}

/** The database's refusal of a statement (it must fail) */
async function refusedWith(statement: PromiseLike<unknown>): Promise<string> {
  try {
    await statement
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('the statement was not refused')
}

async function versionRows(productId: number) {
  return db.from('loan_product_versions').where('product_id', productId).orderBy('version')
}

test.group('Loan products: four-eyes publication', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a new product is not offered until a second administrator approves it; then version 1 is in the maker’s name', async ({ client, assert }) => {
    const { agent: maker, staff: makerStaff } = await signedInStaff(client, 'admin')
    const { agent: checker, staff: checkerStaff } = await signedInStaff(client, 'admin')
    const form = newProductForm()

    const response = await maker.post(PRODUCTS, form)
    response.assertHeader('location', PRODUCTS)
    assert.match((await maker.flashAfter(response)).success!, /Another administrator must approve/)
    assert.isNull(await offeredProduct(form.code), 'nothing is offered before approval')
    assert.isNull(await db.from('loan_products').where('code', form.code).first())
    const [approval] = await pendingChanges(form.code)
    assert.equal(String(approval.maker_id), String(makerStaff.id))
    assert.containsSubset(approval.payload, { action: 'create', code: form.code, version: 1 })
    assert.containsSubset(approval.payload.terms, { minPrincipalMinor: '50000', annualRatePpm: '99000', secondApprovalAboveMinor: '1000000' })

    const list = await maker.get(PRODUCTS, { inertia: true })
    assert.include(JSON.stringify(list.inertiaProps.pending), form.code)

    const inbox = await checker.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    const lines = inbox.inertiaProps.approval.payload as Array<{ label: string; value: string }>
    assert.deepInclude(lines, { label: 'Terms › Annual rate', value: '9.9%' })
    assert.deepInclude(lines, { label: 'Terms › Max principal minor', value: '25000.00 GBP' })
    assert.deepInclude(lines, { label: 'Terms › Max debt to income', value: '40%' })

    assert.isNull(await approve(checker, approval.id))
    const offered = await offeredProduct(form.code)
    assert.isNotNull(offered)
    assert.equal(offered!.version.version, 1)
    assert.equal(offered!.version.annualRatePpm, 99_000n)
    assert.equal(offered!.version.minPrincipal, 500_00n)
    assert.equal(offered!.version.latePenalty, 15_00n)
    assert.deepEqual(offered!.version.allocationOrder, ['penalty', 'fee', 'interest', 'principal'])
    assert.containsSubset(offered!.version, {
      requestedBy: makerStaff.id,
      approvedBy: checkerStaff.id,
      approvalId: Number(approval.id),
      note: 'New offer for the spring campaign',
    })
    assert.include((await offeredProducts()).map((o) => o.product.code), form.code)
    const audit = await db.from('audit_events').where('action', 'loans.product.created').where('subject_id', String(offered!.product.id))
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actor_id, String(makerStaff.id))

    const page = await maker.get(`${PRODUCTS}/${offered!.product.id}`, { inertia: true })
    page.assertStatus(200)
    assert.equal(page.inertiaProps.product.terms.annualRate, '9.9')
    assert.deepEqual(page.inertiaProps.product.terms.maxPrincipal, { amount: '25000.00', currency: 'GBP' })
    assert.equal(page.inertiaProps.versions[0].approvedBy, checkerStaff.fullName)
  })

  test('the maker cannot approve their own product change', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const form = newProductForm()
    await agent.post(PRODUCTS, form)
    const [approval] = await pendingChanges(form.code)

    ;(await agent.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(403)
    assert.equal((await db.from('approvals').where('id', approval.id).firstOrFail()).status, 'pending')
    assert.isNull(await offeredProduct(form.code))
  })

  test('a new version leaves version 1 and an existing loan’s copied terms untouched', async ({ client, assert }) => {
    const { agent: maker } = await signedInStaff(client, 'admin')
    const { agent: checker } = await signedInStaff(client, 'admin')
    const { product, version } = await createLoanProduct()
    const customerId = await createCustomer()
    const account = await openAccount(customerId, { currency: 'GBP' })
    const loan = await Loan.create({
      customerId, productVersionId: version.id, status: 'submitted', currency: 'GBP', principal: 5_000_00n, termCount: 24,
      annualRatePpm: version.annualRatePpm, frequency: version.frequency, amortisation: version.amortisation,
      originationFee: 50_00n, purpose: 'Kitchen', monthlyIncome: 3_000_00n, monthlyObligations: 0n,
      disbursementAccountId: account.id, documents: [], channel: 'api',
    })
    const [before] = await versionRows(product.id)
    const loanBefore = await db.from('loans').where('id', loan.id).firstOrFail()

    await maker.post(`${PRODUCTS}/${product.id}`, productTermsForm({ base_version: 1, annual_rate: '12.5', max_term: 72 }))
    const [approval] = await pendingChanges(product.code)
    assert.deepEqual(approval.payload.changes, ['Maximum term: 60 instalments → 72 instalments', 'Nominal annual rate: 9.9% → 12.5%'])
    assert.equal((await offeredProduct(product.code))!.version.version, 1, 'still version 1 before approval')

    assert.isNull(await approve(checker, approval.id))
    const offered = (await offeredProduct(product.code))!
    assert.equal(offered.version.version, 2)
    assert.equal(offered.version.annualRatePpm, 125_000n)
    assert.equal(offered.version.maxTerm, 72)
    const rows = await versionRows(product.id)
    assert.lengthOf(rows, 2)
    assert.deepEqual(rows[0], before, 'version 1 unchanged')
    assert.deepEqual(await db.from('loans').where('id', loan.id).firstOrFail(), loanBefore, 'the loan keeps its terms')
    assert.equal(String(loanBefore.annual_rate_ppm), '99000')

    /* the application's role may not change a version; even the owner is stopped by the trigger */
    assert.match(await refusedWith(db.from('loan_product_versions').where('id', version.id).update({ annual_rate_ppm: 125_000 })), /permission denied/)
    assert.match(await refusedWith(db.from('loan_product_versions').where('id', version.id).delete()), /permission denied/)
    assert.match(await refusedWith(owner().from('loan_product_versions').where('id', version.id).update({ name: 'Renamed' })), /append-only \(UPDATE rejected\)/)
    assert.match(await refusedWith(owner().from('loan_product_versions').where('id', version.id).delete()), /append-only \(DELETE rejected\)/)
    assert.deepEqual((await versionRows(product.id))[0], before)
    const history = (await maker.get(`${PRODUCTS}/${product.id}`, { inertia: true })).inertiaProps.versions
    assert.deepEqual(history.map((v: { version: number }) => v.version), [2, 1])
    assert.include(history[0].changes, 'Nominal annual rate: 9.9% → 12.5%')
  })

  test('invalid terms are refused with an error on each field, and nothing is requested', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const before = (await pendingChanges()).length
    const bad = newProductForm({
      min_principal: '30000.00',
      max_principal: '25000.00',
      min_term: 12,
      max_term: 6,
      annual_rate: '150',
      origination_fee: 'one',
      late_penalty: '15.001',
      allocation_order: ['penalty', 'fee', 'fee', 'principal'],
    })

    const response = await agent.post(PRODUCTS, bad, { json: true })
    response.assertStatus(422)
    const errors = JSON.parse(response.text()).errors as Array<{ field: string; message: string }>
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]))
    assert.match(byField.max_principal, /must not be below the minimum principal/)
    assert.match(byField.max_term, /must not be below the minimum term/)
    assert.match(byField.annual_rate, /percentage from 0 to 100/)
    assert.match(byField.origination_fee, /percentage/)
    assert.match(byField.late_penalty, /amount in GBP/)
    assert.match(byField.allocation_order, /exactly once/)

    /* the page's own submission goes back to the form with the errors by field */
    await agent.post(PRODUCTS, newProductForm({ annual_rate: '9.99999', allocation_order: 'fee,penalty,interest' }))
    const { errors: shown } = await refusalOn(agent, `${PRODUCTS}/create`)
    assert.match(shown.annual_rate, /at most 4 decimals/)
    assert.match(shown.allocation_order, /exactly once/)

    assert.equal((await agent.post(PRODUCTS, newProductForm({ code: 'Bad Code!' }), { json: true })).status(), 422)
    assert.equal((await agent.post(PRODUCTS, newProductForm({ currency: 'XYZ' }), { json: true })).status(), 422)
    assert.lengthOf(await pendingChanges(), before)
  })

  test('a change that changes nothing, a stale form and a taken code are refused with a message', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'admin')
    const { product } = await createLoanProduct()
    const before = (await pendingChanges()).length

    await agent.post(`${PRODUCTS}/${product.id}`, productTermsForm({ base_version: 1 }))
    assert.match((await refusalOn(agent, `${PRODUCTS}/${product.id}`)).flash.error!, /same as the current version/)
    await agent.post(`${PRODUCTS}/${product.id}`, productTermsForm({ base_version: 2, annual_rate: '11' }))
    assert.match((await refusalOn(agent, `${PRODUCTS}/${product.id}`)).flash.error!, /changed since/)
    await agent.post(PRODUCTS, newProductForm({ code: product.code }))
    assert.match((await refusalOn(agent, PRODUCTS)).flash.error!, /already exists/)
    await agent.post(`${PRODUCTS}/${product.id}/reactivate`, { reason: 'Offer it again', idempotency_key: randomUUID() })
    assert.match((await refusalOn(agent, `${PRODUCTS}/${product.id}`)).flash.error!, /already active/)
    assert.lengthOf(await pendingChanges(), before)
  })

  test('retiring is four-eyes: the product is offered until approved, then not; a reactivation brings it back', async ({ client, assert }) => {
    const { agent: maker } = await signedInStaff(client, 'admin')
    const { agent: checker } = await signedInStaff(client, 'admin')
    const { product } = await createLoanProduct()
    const retire = await maker.post(`${PRODUCTS}/${product.id}/retire`, { reason: 'Replaced', idempotency_key: randomUUID() })
    retire.assertHeader('location', `${PRODUCTS}/${product.id}`)
    const [retirement] = await pendingChanges(product.code)
    assert.isNotNull(await offeredProduct(product.code))

    assert.isNull(await approve(checker, retirement.id))
    assert.isNull(await offeredProduct(product.code))
    assert.equal((await db.from('loan_products').where('id', product.id).firstOrFail()).status, 'retired')
    assert.lengthOf(await versionRows(product.id), 1, 'no new version')

    await maker.post(`${PRODUCTS}/${product.id}/reactivate`, { reason: 'Back by demand', idempotency_key: randomUUID() })
    const [reactivation] = await pendingChanges(product.code)
    assert.isNull(await approve(checker, reactivation.id))
    assert.equal((await offeredProduct(product.code))!.version.version, 1)
    const audit = await db.from('audit_events').where('subject_type', 'loan_product').where('subject_id', String(product.id)).orderBy('id')
    assert.deepEqual(audit.map((a) => a.action), ['loans.product.retired', 'loans.product.reactivated'])
  })

  test('of two new versions from the same version, the second approval is refused and stays pending', async ({ client, assert }) => {
    const { agent: makerA } = await signedInStaff(client, 'admin')
    const { agent: makerB } = await signedInStaff(client, 'admin')
    const { agent: checker } = await signedInStaff(client, 'admin')
    const { product } = await createLoanProduct()
    await makerA.post(`${PRODUCTS}/${product.id}`, productTermsForm({ base_version: 1, annual_rate: '10' }))
    await makerB.post(`${PRODUCTS}/${product.id}`, productTermsForm({ base_version: 1, annual_rate: '11' }))
    const [second, first] = await pendingChanges(product.code)

    assert.isNull(await approve(checker, first.id))
    assert.match((await approve(checker, second.id))!, /changed since/)
    assert.equal((await db.from('approvals').where('id', second.id).firstOrFail()).status, 'pending')
    const offered = (await offeredProduct(product.code))!
    assert.equal(offered.version.version, 2)
    assert.equal(offered.version.annualRatePpm, 100_000n)
  })

  test('a loan officer sees the products but may not request a change (403)', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'loan_officer')
    const { product } = await createLoanProduct()
    const before = (await pendingChanges()).length
    const list = await agent.get(PRODUCTS, { inertia: true })
    list.assertStatus(200)
    assert.isFalse(list.inertiaProps.can.manage)
    ;(await agent.get(`${PRODUCTS}/create`, { inertia: true })).assertStatus(403)
    ;(await agent.post(`${PRODUCTS}/${product.id}`, productTermsForm({ base_version: 1, annual_rate: '10' }))).assertStatus(403)
    assert.lengthOf(await pendingChanges(), before)
  })

  test('the demo seed publishes its products as version 1 by the system, once', async ({ assert }) => {
    await new SeedDemoLoanProducts().handle()
    assert.equal(await new SeedDemoLoanProducts().handle(), 0, 'running it again creates nothing')
    const personal = (await offeredProduct('personal-gbp'))!
    assert.containsSubset(personal.version, {
      version: 1, name: 'Personal loan', currency: 'GBP', minPrincipal: 500_00n, maxPrincipal: 25_000_00n, minTerm: 6, maxTerm: 60,
      annualRatePpm: 99_000n, frequency: 'monthly', amortisation: 'annuity', originationFeePpm: 10_000n, latePenalty: 15_00n,
      graceDays: 5, maxDebtToIncomePpm: 400_000n, secondApprovalAbove: 10_000_00n, requestedBy: null, approvedBy: null,
    })
    const weekly = (await offeredProduct('equipment-weekly-gbp'))!
    assert.containsSubset(weekly.version, { version: 1, frequency: 'weekly', amortisation: 'equal_principal' })
  })
})
