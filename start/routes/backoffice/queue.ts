import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { QUEUE_NAMES } from '#config/queue'

const QueueController = () => import('#controllers/backoffice/queue_controller')

/** One of config/queue.ts's queues, nothing else (an unknown name is a 404 before any query) */
const queueParam = {
  match: new RegExp(`^(${QUEUE_NAMES.map((name) => name.replace(/[.]/g, '\\.')).join('|')})$`),
}

/** A pg-boss job id */
const jobIdParam = { match: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ }

/**
 * Backoffice: the job queue (depth, failures, dead letters, retry).
 * Named backoffice.queue.*, behind staffAuth; 'queue.view' and
 * 'queue.retry' (admin).
 */
router
  .group(() => {
    router.get('/queue', [QueueController, 'index']).as('queue.index')
    router.get('/queue/:queue', [QueueController, 'show']).as('queue.show').where('queue', queueParam)
    router
      .post('/queue/:queue/failed/:id/retry', [QueueController, 'retryFailed'])
      .as('queue.retry_failed')
      .where('queue', queueParam)
      .where('id', jobIdParam)
    router
      .post('/queue/:queue/dead/:id/retry', [QueueController, 'retryDead'])
      .as('queue.retry_dead')
      .where('queue', queueParam)
      .where('id', jobIdParam)
    router
      .post('/queue/:queue/dead/retry', [QueueController, 'retryAllDead'])
      .as('queue.retry_all_dead')
      .where('queue', queueParam)
  })
  .prefix('/backoffice')
  .as('backoffice')
  .use(middleware.staffAuth())
