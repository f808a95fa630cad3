import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const AccountsController = () => import('#controllers/backoffice/accounts_controller')
const AccountStatusController = () => import('#controllers/backoffice/account_status_controller')
const TransactionsController = () => import('#controllers/backoffice/transactions_controller')
const TellerController = () => import('#controllers/backoffice/teller_controller')
const AdjustmentsController = () => import('#controllers/backoffice/adjustments_controller')

/**
 * Backoffice: accounts, statements, teller operations, reversals and
 * manual adjustments. Every route is named backoffice.<resource>.<verb>
 * and behind the staffAuth middleware; each controller authorizes through
 * AccountPolicy / TellerPolicy.
 */
router
  .group(() => {
    const id = idParam
    router.post('/accounts', [AccountsController, 'store']).as('accounts.store')
    router.get('/accounts/:id', [AccountsController, 'show']).as('accounts.show').where('id', id)
    router.get('/accounts/:id/export', [AccountsController, 'export']).as('accounts.export').where('id', id)
    router.post('/accounts/:id/freeze', [AccountStatusController, 'freeze']).as('accounts.freeze').where('id', id)
    router
      .post('/accounts/:id/unfreeze', [AccountStatusController, 'unfreeze'])
      .as('accounts.unfreeze')
      .where('id', id)
    router.post('/accounts/:id/close', [AccountStatusController, 'close']).as('accounts.close').where('id', id)

    router.get('/transactions/:id', [TransactionsController, 'show']).as('transactions.show').where('id', id)
    router
      .post('/transactions/:id/reverse', [TransactionsController, 'reverse'])
      .as('transactions.reverse')
      .where('id', id)

    router.get('/teller', [TellerController, 'index']).as('teller.index')
    router.post('/teller/deposit', [TellerController, 'deposit']).as('teller.deposit')
    router.post('/teller/withdraw', [TellerController, 'withdraw']).as('teller.withdraw')
    router.post('/teller/transfer', [TellerController, 'transfer']).as('teller.transfer')

    router.get('/adjustments/create', [AdjustmentsController, 'create']).as('adjustments.create')
    router.post('/adjustments', [AdjustmentsController, 'store']).as('adjustments.store')
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
