import router from '@adonisjs/core/services/router'
import { PROBLEM_CONTENT_TYPE, problemType } from '#exceptions/problem_details'

/**
 * Probes for load balancers and Kubernetes. /health/live: the process
 * answers. /health/ready: the database answers a query (503
 * problem+json when it does not); no internal details are exposed.
 */
router
  .get('/health/live', ({ response }) => {
    response.header('Cache-Control', 'no-store')
    return { status: 'ok' }
  })
  .as('health.live')

router
  .get('/health/ready', async ({ request, response }) => {
    const { readinessChecks } = await import('#start/health')
    const report = await readinessChecks.run()
    const checks = report.checks.map((check) => ({ name: check.name, status: check.status }))
    response.header('Cache-Control', 'no-store')
    if (report.isHealthy) {
      return { status: 'ok', checks }
    }
    response.header('Content-Type', PROBLEM_CONTENT_TYPE)
    return response.status(503).send(
      JSON.stringify({
        type: problemType('E_NOT_READY'),
        title: 'Service not ready',
        status: 503,
        detail: 'A dependency of the service is unavailable.',
        code: 'E_NOT_READY',
        checks,
        requestId: request.id(),
      })
    )
  })
  .as('health.ready')
