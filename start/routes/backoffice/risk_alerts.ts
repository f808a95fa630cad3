import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { idParam } from '#start/route_matchers'

const RiskAlertsController = () => import('#controllers/backoffice/risk_alerts_controller')

/**
 * Backoffice: the compliance queue (anomaly alerts) and the actions on an
 * alert. Every route is named backoffice.risk.alerts.* and behind the
 * staffAuth middleware; RiskPolicy decides each one.
 */
router
  .group(() => {
    router.get('/risk/alerts', [RiskAlertsController, 'index']).as('risk.alerts.index')
    router.get('/risk/alerts/:id', [RiskAlertsController, 'show']).as('risk.alerts.show').where('id', idParam)
    router
      .post('/risk/alerts/:id/assign', [RiskAlertsController, 'assign'])
      .as('risk.alerts.assign')
      .where('id', idParam)
    router
      .post('/risk/alerts/:id/notes', [RiskAlertsController, 'note'])
      .as('risk.alerts.note')
      .where('id', idParam)
    router
      .post('/risk/alerts/:id/dismiss', [RiskAlertsController, 'dismiss'])
      .as('risk.alerts.dismiss')
      .where('id', idParam)
    router
      .post('/risk/alerts/:id/confirm', [RiskAlertsController, 'confirm'])
      .as('risk.alerts.confirm')
      .where('id', idParam)
    router
      .post('/risk/alerts/:id/escalate', [RiskAlertsController, 'escalate'])
      .as('risk.alerts.escalate')
      .where('id', idParam)
    router
      .post('/risk/alerts/:id/freeze', [RiskAlertsController, 'freeze'])
      .as('risk.alerts.freeze')
      .where('id', idParam)
    router
      .post('/risk/alerts/:id/unfreeze', [RiskAlertsController, 'unfreeze'])
      .as('risk.alerts.unfreeze')
      .where('id', idParam)
    router
      .post('/risk/alerts/:id/hold', [RiskAlertsController, 'settleHold'])
      .as('risk.alerts.settle_hold')
      .where('id', idParam)
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
