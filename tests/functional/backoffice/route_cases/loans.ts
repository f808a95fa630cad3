import { randomUUID } from 'node:crypto'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { customerWithAccounts, PDF_BYTES } from '#tests/helpers/customers'
import { createLoanProduct, disbursedLoan } from '#tests/helpers/loans'
import { repaidLoan } from '#tests/helpers/loan_servicing'
import { applicationUnderReview, approvedApplication, attachDocument, submittedApplication } from '#tests/helpers/loan_review'

const loanUrl = (id: number, step = '') => `/backoffice/loans/${id}${step ? `/${step}` : ''}`

/** Matrix cases for start/routes/backoffice/loans.ts (the loan review, servicing a paid-out loan, and applications at a branch) */
export const loansRoutes: RouteCase[] = [
  {
    route: 'backoffice.loans.index',
    permission: 'loans.view',
    request: async () => ({ method: 'get', url: '/backoffice/loans?status=all&minAmount=100&sort=principal&direction=desc' }),
  },
  {
    route: 'backoffice.loans.show',
    permission: 'loans.view',
    request: async () => ({ method: 'get', url: loanUrl((await submittedApplication()).loan.id) }),
  },
  {
    route: 'backoffice.loans.review',
    permission: 'loans.review',
    request: async () => ({ method: 'post', url: loanUrl((await submittedApplication()).loan.id, 'review'), form: {} }),
  },
  {
    route: 'backoffice.loans.approve',
    permission: 'loans.review',
    request: async ({ maker }) => ({
      method: 'post',
      url: loanUrl((await applicationUnderReview(maker)).loan.id, 'approve'),
      form: { reason: 'Matrix check', idempotencyKey: randomUUID() },
    }),
  },
  {
    route: 'backoffice.loans.reject',
    permission: 'loans.review',
    request: async ({ maker }) => ({
      method: 'post',
      url: loanUrl((await applicationUnderReview(maker)).loan.id, 'reject'),
      form: { reason: 'Matrix check' },
    }),
  },
  {
    route: 'backoffice.loans.notes.store',
    permission: 'loans.review',
    request: async () => ({ method: 'post', url: loanUrl((await submittedApplication()).loan.id, 'notes'), form: { note: 'Matrix check' } }),
  },
  {
    route: 'backoffice.loans.withdraw',
    permission: 'loans.apply',
    request: async () => ({ method: 'post', url: loanUrl((await submittedApplication()).loan.id, 'withdraw'), form: { reason: 'Customer phoned' } }),
  },
  {
    route: 'backoffice.loans.disburse',
    permission: 'loans.disburse',
    request: async ({ maker }) => ({ method: 'post', url: loanUrl((await approvedApplication(maker)).loan.id, 'disburse'), form: {} }),
  },
  {
    route: 'backoffice.loans.repayments.store',
    permission: 'loans.repay',
    request: async () => ({
      method: 'post',
      url: loanUrl((await disbursedLoan()).loan.id, 'repayments'),
      form: { type: 'amount', amount: '10.00', idempotencyKey: randomUUID() },
    }),
  },
  {
    route: 'backoffice.loans.write_off',
    permission: 'loans.write_off',
    request: async () => ({
      method: 'post',
      url: loanUrl((await disbursedLoan()).loan.id, 'write-off'),
      form: { reason: 'Matrix check', idempotencyKey: randomUUID() },
    }),
  },
  {
    route: 'backoffice.loans.repayments.reverse',
    permission: 'ledger.reverse',
    request: async () => {
      const { loan, repayment } = await repaidLoan()
      return {
        method: 'post',
        url: loanUrl(loan.id, `repayments/${repayment.id}/reverse`),
        form: { reason: 'Matrix check', idempotencyKey: randomUUID() },
      }
    },
  },
  {
    route: 'backoffice.loans.documents.store',
    permission: 'loans.apply',
    request: async () => ({
      method: 'post',
      url: loanUrl((await submittedApplication()).loan.id, 'documents'),
      file: { field: 'file', name: 'payslip.pdf', content: PDF_BYTES, contentType: 'application/pdf' },
    }),
    allowed: async (response, agent) => {
      response.assertStatus(302)
      const next = await agent.get(response.header('location')!, { inertia: true })
      next.assertInertiaComponent('backoffice/loans/show')
      if (next.inertiaProps.flash.error) throw new Error(next.inertiaProps.flash.error)
      if (next.inertiaProps.documents.length !== 1) throw new Error('document not listed')
    },
  },
  {
    route: 'backoffice.loans.documents.show',
    permission: 'loans.review',
    request: async () => {
      const { loan } = await submittedApplication()
      const document = await attachDocument(loan.id)
      return { method: 'get', url: loanUrl(loan.id, `documents/${document.id}`) }
    },
    allowed: (response) => {
      response.assertStatus(200)
      response.assertHeader('content-type', 'application/pdf')
    },
  },
  {
    route: 'backoffice.loans.create',
    permission: 'loans.apply',
    request: async () => ({ method: 'get', url: `/backoffice/customers/${(await customerWithAccounts([{ currency: 'GBP' }])).customerId}/loans/create` }),
  },
  {
    route: 'backoffice.loans.store',
    permission: 'loans.apply',
    request: async () => {
      const { customerId, accounts } = await customerWithAccounts([{ currency: 'GBP' }])
      const { product } = await createLoanProduct()
      return {
        method: 'post',
        url: `/backoffice/customers/${customerId}/loans`,
        form: {
          productId: product.id, principal: '2500.00', termCount: 12, purpose: 'Matrix check',
          monthlyIncome: '3000.00', monthlyObligations: '0', disbursementAccountId: accounts[0].id,
        },
      }
    },
  },
]
