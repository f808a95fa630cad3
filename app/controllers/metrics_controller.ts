import type { HttpContext } from '@adonisjs/core/http'
import { registry } from '#services/metrics/metrics'
import { clusterMetricsText, inWebCluster } from '#services/metrics/cluster_metrics'
import { metricsReply } from '#services/metrics/metrics_endpoint'

/**
 * GET /metrics (Prometheus text). Guarded by metricsReply() (bearer
 * METRICS_TOKEN, or no Authorization header from METRICS_ALLOWED_IPS; the
 * client address is request.ip(), X-Forwarded-For trusted only from
 * TRUSTED_PROXIES and loopback). In a web cluster the text is the whole
 * cluster's, aggregated by the primary (cluster_metrics.ts).
 */
export default class MetricsController {
  async show({ request, response }: HttpContext) {
    const reply = await metricsReply(
      { ip: request.ip(), authorization: request.header('authorization'), requestId: request.id() },
      () => (inWebCluster() ? clusterMetricsText() : registry.metrics())
    )
    response.header('Cache-Control', 'no-store')
    response.header('Content-Type', reply.contentType)
    return response.status(reply.status).send(reply.body)
  }
}
