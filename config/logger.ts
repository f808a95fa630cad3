import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'
import { URL_LOG_FIELDS, censorUrl } from '#services/logging/log_redaction'

/**
 * Structured JSON logs (pino). Each HTTP log line carries the request id
 * because the HTTP context logger is a child logger bound to it. Secrets
 * in URLs (reset and invitation tokens) are redacted from every field
 * named url/link (#services/logging/log_redaction).
 */
const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'strongroom',
      level: env.get('LOG_LEVEL'),
      redact: { paths: URL_LOG_FIELDS, censor: censorUrl },
      transport: {
        targets: targets()
          .pushIf(!app.inProduction && process.stdout.isTTY, targets.pretty())
          .pushIf(app.inProduction || !process.stdout.isTTY, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
