import db from '@adonisjs/lucid/services/db'
import type { StaffRole } from '#models/staff_user'
import { StaffAgent, createStaff } from '#tests/functional/backoffice/helpers'

/** A signed-in staff member of the role (their own session) */
export async function signedIn(client: any, role: StaffRole = 'teller') {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(staff.email, secret)).assertHeader('location', '/backoffice')
  return { agent, staff }
}

/** The flash messages the next page receives (read once from the session) */
export async function nextFlash(agent: StaffAgent, url = '/backoffice/teller') {
  const page = await agent.get(url, { inertia: true })
  return page.inertiaProps.flash as { error: string | null; success: string | null }
}

export async function accountRow(id: number) {
  return db.from('accounts').where('id', id).firstOrFail()
}

export async function entriesOf(accountId: number) {
  return db.from('ledger_entries').where('account_id', accountId).orderBy('id')
}

export async function auditFor(action: string, subjectId: number | string) {
  return db.from('audit_events').where({ action, subject_id: String(subjectId) }).orderBy('id')
}
