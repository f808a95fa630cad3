import { randomBytes } from 'node:crypto'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage, Recipient } from '@adonisjs/mail/types'

/** A captured mail as written to disk (and read back by captured_mails.ts); a type, not an interface, so Inertia accepts it as page props */
export type CapturedMail = {
  id: string
  date: string
  from: string | null
  to: string[]
  cc: string[]
  bcc: string[]
  subject: string
  html: string | null
  text: string | null
}

/** Captured mail ids: an ISO timestamp made file-safe plus random hex (sortable: newest last) */
export const CAPTURED_MAIL_ID = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f]{12}$/

const address = (recipient: Recipient): string =>
  typeof recipient === 'string' ? recipient : recipient.name ? `${recipient.name} <${recipient.address}>` : recipient.address

const addresses = (list: Recipient | Recipient[] | undefined): string[] =>
  list === undefined ? [] : (Array.isArray(list) ? list : [list]).map(address)

/** Bodies are strings once AdonisJS has rendered them; anything else (a stream) is not captured */
const body = (content: unknown): string | null =>
  typeof content === 'string' ? content : Buffer.isBuffer(content) ? content.toString('utf8') : null

/**
 * Development and test mail transport (MAIL_MAILER=capture): nothing is
 * sent; each message becomes one JSON file (to, subject, html, text, date)
 * in `directory` (tmp/mail/), written atomically, listed on the
 * development-only backoffice page /backoffice/dev/mail. @adonisjs/mail 10
 * has a JSON transport, but it only returns the message: nothing is kept.
 */
export class CaptureTransport implements MailTransportContract {
  constructor(private readonly directory: string) {}

  async send(message: NodeMailerMessage): Promise<MailResponse<CapturedMail>> {
    const now = new Date()
    const id = `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(6).toString('hex')}`
    const captured: CapturedMail = {
      id,
      date: now.toISOString(),
      from: message.from ? address(message.from) : null,
      to: addresses(message.to),
      cc: addresses(message.cc),
      bcc: addresses(message.bcc),
      subject: message.subject ?? '',
      html: body(message.html),
      text: body(message.text),
    }
    await mkdir(this.directory, { recursive: true })
    const file = join(this.directory, `${id}.json`)
    await writeFile(`${file}.partial`, JSON.stringify(captured, null, 2), { mode: 0o600 })
    await rename(`${file}.partial`, file)
    const envelope = { from: captured.from ?? false, to: [...captured.to, ...captured.cc, ...captured.bcc] }
    return new MailResponse(`<${id}@capture.strongroom>`, envelope as MailResponse['envelope'], captured)
  }
}
