import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const LoansController = () => import('#controllers/backoffice/loans_controller')
const LoanApplicationsController = () => import('#controllers/backoffice/loan_applications_controller')
const LoanServicingController = () => import('#controllers/backoffice/loan_servicing_controller')
const LoanDocumentsController = () => import('#controllers/backoffice/loan_documents_controller')

/**
 * Backoffice: the loan review queue, a loan's page and the officers' steps
 * on it, servicing a paid-out loan (repay, write off, reverse a repayment),
 * and applications taken at a branch for a customer. Every route is
 * named backoffice.loans.* and behind the staffAuth middleware; LoanPolicy
 * decides each one. (Loan products live in their own file.)
 */
router
  .group(() => {
    router.get('/loans', [LoansController, 'index']).as('loans.index')
    router.get('/loans/:id', [LoansController, 'show']).as('loans.show').where('id', idParam)
    router.post('/loans/:id/review', [LoansController, 'review']).as('loans.review').where('id', idParam)
    router.post('/loans/:id/approve', [LoansController, 'approve']).as('loans.approve').where('id', idParam)
    router.post('/loans/:id/reject', [LoansController, 'reject']).as('loans.reject').where('id', idParam)
    router.post('/loans/:id/notes', [LoansController, 'note']).as('loans.notes.store').where('id', idParam)
    router.post('/loans/:id/withdraw', [LoansController, 'withdraw']).as('loans.withdraw').where('id', idParam)
    router.post('/loans/:id/disburse', [LoansController, 'disburse']).as('loans.disburse').where('id', idParam)
    router.post('/loans/:id/repayments', [LoanServicingController, 'repay']).as('loans.repayments.store').where('id', idParam)
    router.post('/loans/:id/write-off', [LoanServicingController, 'writeOff']).as('loans.write_off').where('id', idParam)
    router
      .post('/loans/:id/repayments/:repaymentId/reverse', [LoanServicingController, 'reverse'])
      .as('loans.repayments.reverse')
      .where('id', idParam)
      .where('repaymentId', idParam)
    router
      .post('/loans/:id/documents', [LoanDocumentsController, 'store'])
      .as('loans.documents.store')
      .where('id', idParam)
    router
      .get('/loans/:id/documents/:documentId', [LoansController, 'document'])
      .as('loans.documents.show')
      .where('id', idParam)
      .where('documentId', router.matchers.uuid())
    router
      .get('/customers/:id/loans/create', [LoanApplicationsController, 'create'])
      .as('loans.create')
      .where('id', idParam)
    router.post('/customers/:id/loans', [LoanApplicationsController, 'store']).as('loans.store').where('id', idParam)
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
