import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type { BaseMail } from '@adonisjs/mail'
import { redactUrl } from '#services/logging/log_redaction'
import { deliverMail } from '#services/mail/mail_delivery'

const inFlight = new Set<Promise<void>>()

/**
 * Sends a staff mail (after the change that caused it has committed)
 * without holding the request: the answer takes the same time whether or
 * not a mail goes out (no account enumeration by timing), and an
 * unreachable SMTP server never fails the request — the error is logged.
 * The link itself is never logged (it opens the account): in development
 * an info line says a mail went out, with the token redacted; read the
 * link in the captured mail (MAIL_MAILER=capture: tmp/mail/, page
 * /backoffice/dev/mail). Sent through deliverMail(), so an SMTP outage
 * opens the circuit breaker and later mails fail at once (logged).
 */
export function sendStaffMail(message: BaseMail, link: { label: string; url: string; to: string }) {
  if (app.inDev) {
    logger.info({ to: link.to, url: redactUrl(link.url) }, `${link.label} sent (development: token redacted; see the mail)`)
  }
  const sending = deliverMail(message)
    .then(() => {})
    .catch((error) => logger.error({ err: error, to: link.to }, `${link.label}: mail could not be sent`))
    .finally(() => inFlight.delete(sending))
  inFlight.add(sending)
}

/** Resolves once every mail handed to sendStaffMail has been sent or has failed (tests, shutdown) */
export async function staffMailSettled() {
  await Promise.all([...inFlight])
}
