import mail from '@adonisjs/mail/services/main'
import type { BaseMail } from '@adonisjs/mail'
import type { MailersList } from '@adonisjs/mail/types'
import { mailSettings } from '#config/mail'
import { callOutbound } from '#services/outbound/circuit_breakers'

export type MailerName = keyof MailersList

/**
 * Sends one mail through @adonisjs/mail, behind the circuit breaker of
 * its mailer's destination (`smtp:<host>:<port>`; `mail:capture` in
 * development) and the outbound timeout. Resolves once the transport has
 * accepted the message.
 *
 * Throws: OutboundUnavailableException (circuit open: nothing attempted;
 * a queue job fails fast and pg-boss retries later), OutboundTimeoutException,
 * or the transport's error (counted by the breaker).
 *
 * Under mail.fake() the fake mailer records the message (tests).
 */
export async function deliverMail(message: BaseMail, options: { mailer?: MailerName } = {}) {
  const mailer = options.mailer ?? mailSettings.mailer
  return callOutbound(mailSettings.destinationOf(mailer), () => mail.use(mailer).send(message))
}
