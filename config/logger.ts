import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, destination, targets } from '@adonisjs/core/logger'
import { SECRET_LOG_PATHS, censorLogValue } from '#services/logging/log_redaction'
import { SERVICE_NAME, formatOptions } from '#services/logging/log_format'

/**
 * Structured JSON logs (pino), one object per line on stdout, shaped by
 * LOG_FORMAT (#services/logging/log_format): `json` (pino's fields, the
 * default) or `ecs` (Elastic Common Schema, for an ELK stack; the lines go
 * straight to stdout because ECS's level formatter cannot run in pino
 * transport targets). Each HTTP log line carries the request id (the
 * context logger is a child bound to it) and each request ends with one
 * "request completed" line (RequestLogMiddleware). Secrets never reach a
 * line: every logged object is scrubbed of credentials, tokens and codes
 * by field name, URLs lose their secret segments and parameters, and
 * pino's `redact` covers what serializers add later
 * (#services/logging/log_redaction).
 */
const format = env.get('LOG_FORMAT', 'json')
const prettyInTerminal = format === 'json' && !app.inProduction && process.stdout.isTTY

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: SERVICE_NAME,
      level: env.get('LOG_LEVEL'),
      redact: { paths: SECRET_LOG_PATHS, censor: censorLogValue },
      ...formatOptions(format),
      ...(format === 'ecs'
        ? { destination: destination({ dest: 1, sync: false }) }
        : {
            transport: {
              targets: targets()
                .pushIf(prettyInTerminal, targets.pretty())
                .pushIf(!prettyInTerminal, targets.file({ destination: 1 }))
                .toArray(),
            },
          }),
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
