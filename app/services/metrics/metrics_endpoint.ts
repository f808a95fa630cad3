import metricsConfig from '#config/metrics'
import { PROBLEM_CONTENT_TYPE, problemType } from '#exceptions/problem_details'
import { decideMetricsAccess } from '#services/metrics/metrics_access'
import { registry } from '#services/metrics/metrics'

export interface MetricsReply {
  status: number
  contentType: string
  body: string
}

/**
 * GET /metrics, shared by the web route and the worker's own server:
 * access first (metrics_access.ts; a refusal is 403 problem+json and
 * reveals no metric), then the exposition that `text()` builds.
 */
export async function metricsReply(
  request: { ip: string | null | undefined; authorization: string | null | undefined; requestId?: string },
  text: () => Promise<string>
): Promise<MetricsReply> {
  const decision = decideMetricsAccess(metricsConfig.access, request)
  if (decision !== 'allowed') {
    return {
      status: 403,
      contentType: PROBLEM_CONTENT_TYPE,
      body: JSON.stringify({
        type: problemType('E_FORBIDDEN'),
        title: 'Forbidden',
        status: 403,
        detail: 'Metrics need the bearer token of METRICS_TOKEN, or a request from an address of METRICS_ALLOWED_IPS.',
        code: 'E_FORBIDDEN',
        ...(request.requestId ? { requestId: request.requestId } : {}),
      }),
    }
  }
  return { status: 200, contentType: registry.contentType, body: await text() }
}
