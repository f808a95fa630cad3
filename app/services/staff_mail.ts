import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import type { BaseMail } from '@adonisjs/mail'

const inFlight = new Set<Promise<void>>()

/**
 * Sends a staff mail (after the change that caused it has committed)
 * without holding the request: the answer takes the same time whether or
 * not a mail goes out (no account enumeration by timing), and an
 * unreachable SMTP server never fails the request — the error is logged.
 * In development the link is also logged at info level, so that a machine
 * without an SMTP server can still follow it.
 */
export function sendStaffMail(message: BaseMail, link: { label: string; url: string; to: string }) {
  if (app.inDev) {
    logger.info({ to: link.to, url: link.url }, `${link.label} (development: link logged in case no SMTP server is running)`)
  }
  const sending = mail
    .send(message)
    .then(() => {})
    .catch((error) => logger.error({ err: error, to: link.to }, `${link.label}: mail could not be sent`))
    .finally(() => inFlight.delete(sending))
  inFlight.add(sending)
}

/** Resolves once every mail handed to sendStaffMail has been sent or has failed (tests, shutdown) */
export async function staffMailSettled() {
  await Promise.all([...inFlight])
}
