import { randomUUID } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import type { StaffRole } from '#models/staff_user'
import { StaffAgent, createStaff } from '#tests/functional/backoffice/helpers'

/** A signed-in staff agent of the given role */
export async function signedIn(client: ApiClient, role: StaffRole = 'admin') {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  await agent.signIn(staff.email, secret)
  return { agent, staff }
}

/** A bare customer row with sensitive identifiers, unique to the test */
export async function plainCustomer(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().replaceAll('-', '').slice(0, 12)
  const [row] = await db
    .table('customers')
    .insert({
      customer_number: `C${tag}`,
      full_name: `Grace ${tag} Hopper`,
      email: `grace-${tag}@example.test`,
      password: 'not-a-real-hash',
      phone: '+44 7700 900123',
      date_of_birth: '1980-04-05',
      address: JSON.stringify({ line1: '1 Bank St', line2: null, city: 'London', postcode: 'E14 5AB', country: 'GB' }),
      ...overrides,
    })
    .returning('id')
  return { tag, customerId: Number(row.id ?? row) }
}

/** A small but real PDF (the upload's type is detected from its bytes) */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)
