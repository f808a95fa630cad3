import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type StaffUser from '#models/staff_user'
import SubmitLoanApplication from '#actions/loans/submit_loan_application'
import TakeLoanApplication from '#actions/loans/take_loan_application'
import DecideLoanApplication from '#actions/loans/decide_loan_application'
import { NO_REQUEST } from '#domain/audit/actor'
import { loanDocumentKey } from '#domain/loans/loan_documents'
import { customerWithAccounts, PDF_BYTES } from '#tests/helpers/customers'
import { createLoanProduct, type TestProductTerms } from '#tests/helpers/loans'

/**
 * Loan applications for the review suites: a verified customer with a
 * funded GBP account applies (through SubmitLoanApplication, as the API
 * does) for a product of its own (createLoanProduct: PERSONAL_LOAN, a
 * second officer above 10,000.00 GBP); officers then take and decide it
 * through the same actions as the backoffice.
 */
export async function submittedApplication(options: { principal?: bigint; product?: Partial<TestProductTerms>; funds?: string } = {}) {
  const { customerId, accounts, tag } = await customerWithAccounts([{ currency: 'GBP', amount: options.funds ?? '100.00' }])
  const { product, version } = await createLoanProduct(options.product)
  const submit = await app.container.make(SubmitLoanApplication)
  const loan = await submit.handle({
    customerId,
    application: {
      productId: product.id,
      principal: options.principal ?? 5_000_00n,
      termCount: 12,
      purpose: 'Kitchen repairs',
      monthlyIncome: 3_000_00n,
      monthlyObligations: 200_00n,
      disbursementAccountId: accounts[0].id,
    },
    channel: 'api',
    actor: { type: 'customer', id: customerId },
    context: NO_REQUEST,
  })
  return { loan, customerId, tag, account: accounts[0], product, version }
}

/** An application taken for review by `reviewer` */
export async function applicationUnderReview(reviewer: StaffUser, options: Parameters<typeof submittedApplication>[0] = {}) {
  const fixture = await submittedApplication(options)
  await (await app.container.make(TakeLoanApplication)).handle({ loanId: fixture.loan.id, staff: reviewer, context: NO_REQUEST })
  return fixture
}

/** An application approved by `officer` (below the product's second-officer threshold) */
export async function approvedApplication(officer: StaffUser, options: Parameters<typeof submittedApplication>[0] = {}) {
  const fixture = await applicationUnderReview(officer, options)
  await (await app.container.make(DecideLoanApplication)).handle({
    loanId: fixture.loan.id, decision: 'approve', idempotencyKey: randomUUID(), staff: officer, context: NO_REQUEST,
  })
  return fixture
}

/** A PDF attached to the application (metadata in loans.documents, bytes on the Drive disk) */
export async function attachDocument(loanId: number) {
  const id = randomUUID()
  await drive.use().put(loanDocumentKey(loanId, id), PDF_BYTES)
  const document = { id, name: 'payslip.pdf', contentType: 'application/pdf', size: PDF_BYTES.length, uploadedAt: new Date().toISOString(), uploadedBy: { type: 'staff', id: 1 } }
  await db.rawQuery('update loans set documents = documents || ?::jsonb where id = ?', [JSON.stringify([document]), loanId])
  return document
}

export async function loanRow(id: number) {
  return db.from('loans').where('id', id).firstOrFail()
}

/** The loan's audit actions, oldest first */
export async function loanHistory(id: number) {
  return (await db.from('audit_events').where({ subject_type: 'loan', subject_id: String(id) }).orderBy('id')).map((e) => e.action)
}
