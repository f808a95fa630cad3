import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CAPTURED_MAIL_ID, type CapturedMail } from '#services/mail/capture_transport'
import { mailSettings } from '#config/mail'

/** A captured mail in the list (no bodies) */
export type CapturedMailSummary = Pick<CapturedMail, 'id' | 'date' | 'from' | 'to' | 'subject'>

const DEFAULT_LIMIT = 200

async function read(id: string): Promise<CapturedMail | null> {
  if (!CAPTURED_MAIL_ID.test(id)) return null
  try {
    return JSON.parse(await readFile(join(mailSettings.captureDirectory, `${id}.json`), 'utf8')) as CapturedMail
  } catch {
    return null
  }
}

/**
 * The mails the capture transport wrote (tmp/mail/), newest first, at most
 * `limit` of them. Development only: the page that calls this is not
 * registered in production.
 */
export async function listCapturedMails(limit = DEFAULT_LIMIT): Promise<CapturedMailSummary[]> {
  let files: string[]
  try {
    files = await readdir(mailSettings.captureDirectory)
  } catch {
    return []
  }
  const ids = files
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .filter((id) => CAPTURED_MAIL_ID.test(id))
    .sort()
    .reverse()
    .slice(0, limit)
  const mails = await Promise.all(ids.map(read))
  return mails
    .filter((mail): mail is CapturedMail => mail !== null)
    .map(({ id, date, from, to, subject }) => ({ id, date, from, to, subject }))
}

/** One captured mail, or null (unknown or malformed id: never a path outside the directory) */
export function findCapturedMail(id: string): Promise<CapturedMail | null> {
  return read(id)
}
