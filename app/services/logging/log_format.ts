import { ecsFormat } from '@elastic/ecs-pino-format'
import { scrubSecrets } from '#services/logging/log_redaction'

/**
 * LOG_FORMAT (Operations I): how a log line is shaped on stdout.
 * - `json`: pino's own fields (`level` number, `time` epoch ms, `msg`,
 *   `pid`, `hostname`, `name`) and ours in snake_case (`request_id`,
 *   `route`, `duration_ms` …), as Strongroom always wrote them;
 * - `ecs`: Elastic Common Schema (`@timestamp`, `log.level`, `message`,
 *   `service.name`, `ecs.version` …) through @elastic/ecs-pino-format,
 *   our fields renamed to their ECS names (ECS_FIELDS), so Filebeat or
 *   Elastic Agent ingest the lines without an ingest pipeline.
 * Both write one JSON object per line and both scrub secrets first
 * (#services/logging/log_redaction).
 */
export type LogFormat = 'json' | 'ecs'

export const LOG_FORMATS: readonly LogFormat[] = ['json', 'ecs']

export const SERVICE_NAME = 'strongroom'

/** The format of this process: LOG_FORMAT, `json` when unset (validated in start/env.ts) */
export function logFormat(): LogFormat {
  return process.env.LOG_FORMAT === 'ecs' ? 'ecs' : 'json'
}

/**
 * Our field → its ECS name. Durations become nanoseconds (`event.duration`
 * is a long in ns); the actor is the ECS user; queue and job ids go to
 * `labels` (ECS has no job fields: labels are indexed as keywords).
 */
export const ECS_FIELDS: Record<string, string> = {
  request_id: 'http.request.id',
  method: 'http.request.method',
  route: 'http.route',
  url: 'url.path',
  status: 'http.response.status_code',
  duration_ms: 'event.duration',
  actor_id: 'user.id',
  actor_type: 'user.domain',
  outcome: 'event.outcome',
  queue: 'labels.queue',
  job_id: 'labels.job_id',
  retry_count: 'labels.retry_count',
  command: 'labels.command',
  exit_code: 'process.exit_code',
}

/** A log object with our fields under their ECS names (others unchanged) */
export function toEcsFields(object: Record<string, unknown>): Record<string, unknown> {
  const renamed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(object)) {
    const ecsKey = ECS_FIELDS[key]
    if (!ecsKey) renamed[key] = value
    else if (key === 'duration_ms' && typeof value === 'number') renamed[ecsKey] = Math.round(value * 1e6)
    else if (key === 'actor_id' && value !== null && value !== undefined) renamed[ecsKey] = String(value)
    else renamed[ecsKey] = value
  }
  return renamed
}

/** The child-logger bindings of one request: its id under the format's field name */
export function requestBindings(requestId: string, format: LogFormat = logFormat()) {
  return format === 'ecs' ? { [ECS_FIELDS.request_id]: requestId } : { request_id: requestId }
}

/**
 * The pino options of a format (config/logger.ts). The ECS level
 * formatter is not allowed with pino transport targets: in that format
 * the lines go straight to stdout (the config passes a destination).
 */
export function formatOptions(format: LogFormat): FormatOptions {
  if (format === 'json') {
    return { formatters: { log: (object) => scrubSecrets(object) } }
  }
  const ecs = ecsFormat({ serviceName: SERVICE_NAME, convertErr: true, convertReqRes: false, apmIntegration: false })
  const { level, bindings, log: ecsLog } = ecs.formatters!
  return {
    messageKey: ecs.messageKey,
    timestamp: ecs.timestamp as () => string,
    formatters: { level, bindings, log: (object) => ecsLog!(toEcsFields(scrubSecrets(object))) },
  }
}

export interface FormatOptions {
  messageKey?: string
  timestamp?: () => string
  formatters: {
    level?: (label: string, number: number) => object
    bindings?: (bindings: Record<string, unknown>) => object
    log: (object: Record<string, unknown>) => Record<string, unknown>
  }
}
