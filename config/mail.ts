import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { defineConfig } from '@adonisjs/mail'
import type { SMTPConfig } from '@adonisjs/mail/types'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { CaptureTransport } from '#services/mail/capture_transport'

/**
 * Outgoing mail. MAIL_MAILER picks the mailer:
 * - `capture` (development and test; the default of .env.example, so a
 *   fresh clone needs nothing running): each mail is written as a JSON file
 *   under tmp/mail/ and listed on the development-only page
 *   /backoffice/dev/mail;
 * - `smtp` (production): SMTP_HOST, SMTP_PORT, SMTP_SECURE (implicit TLS),
 *   SMTP_USERNAME + SMTP_PASSWORD when the server wants auth.
 * Every mail goes through deliverMail() (app/services/mail/mail_delivery.ts),
 * behind the circuit breaker of the mailer's destination (mailSettings
 * below). Settings are read when a mailer is first used in a process.
 */
export const mailSettings = {
  /** The mailer used when none is named */
  get mailer(): 'capture' | 'smtp' {
    return env.get('MAIL_MAILER')
  },

  get captureDirectory(): string {
    return app.tmpPath('mail')
  },

  get smtp(): SMTPConfig {
    const host = env.get('SMTP_HOST')
    if (!host) throw new Error('MAIL_MAILER=smtp needs SMTP_HOST (and SMTP_PORT)')
    const user = env.get('SMTP_USERNAME')
    const secure = env.get('SMTP_SECURE') ?? false
    return {
      host,
      port: env.get('SMTP_PORT') ?? (secure ? 465 : 587),
      secure,
      ...(user ? { auth: { type: 'login' as const, user, pass: env.get('SMTP_PASSWORD')?.release() ?? '' } } : {}),
      /** Give up on an unreachable server quickly; OUTBOUND_TIMEOUT_MS cuts the whole call off anyway */
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    }
  },

  /** The circuit-breaker destination of a mailer (one breaker per SMTP server) */
  destinationOf(mailer: string): string {
    if (mailer === 'smtp') {
      const { host, port } = this.smtp as { host: string; port: number }
      return `smtp:${host}:${port}`
    }
    return `mail:${mailer}`
  },
}

const mailConfig = defineConfig({
  default: mailSettings.mailer,

  from: {
    address: env.get('MAIL_FROM_ADDRESS'),
    name: env.get('MAIL_FROM_NAME'),
  },

  /**
   * The globals are shared with all the templates rendered using the
   * configured template engine (logo URL, links base URL, brand name).
   */
  globals: {
    brandName: 'Strongroom',
  },

  mailers: {
    capture: () => new CaptureTransport(mailSettings.captureDirectory),
    smtp: () => new SMTPTransport(mailSettings.smtp),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
