import router from '@adonisjs/core/services/router'

const MetricsController = () => import('#controllers/metrics_controller')

/**
 * Prometheus scrape endpoint, outside /api/v1 like /health. Never public:
 * the controller refuses (403 problem+json) a request without the bearer
 * METRICS_TOKEN that does not come from METRICS_ALLOWED_IPS.
 */
router.get('/metrics', [MetricsController, 'show']).as('metrics')
