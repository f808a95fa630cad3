import { writeFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CUSTOMER_PASSWORD, demoStaff, type DemoCustomer } from '#database/demo/demo_bank'

export interface DemoCredentials {
  staff: Array<{ email: string; password: string; totpSecret: string; role: string; recoveryCodes: string[] }>
  customers: Array<{
    email: string
    password: string
    totpSecret: string
    customerNumber: string
    kycStatus: string
    accounts: Array<{ id: number; number: string; kind: string }>
  }>
}

/** The development credentials of the demo bank, as written to tmp/demo-credentials.json */
export function demoCredentials(
  people: DemoCustomer[],
  ids: Map<string, number>,
  accounts: Array<{ id: number; number: string; kind: string; customerId: number }>
): DemoCredentials {
  const byCustomer = Map.groupBy(accounts, (a) => a.customerId)
  return {
    staff: demoStaff().map(({ email, password, totpSecret, role, recoveryCodes }) => ({
      email,
      password,
      totpSecret,
      role,
      recoveryCodes,
    })),
    customers: people.map((p) => ({
      email: p.email,
      password: CUSTOMER_PASSWORD,
      totpSecret: p.totpSecret,
      customerNumber: p.customerNumber,
      kycStatus: p.kycStatus,
      accounts: (byCustomer.get(ids.get(p.customerNumber)!) ?? [])
        .sort((a, b) => (a.kind === b.kind ? a.id - b.id : a.kind === 'current' ? -1 : 1))
        .map(({ id, number, kind }) => ({ id, number, kind })),
    })),
  }
}

export async function writeDemoCredentials(path: string, credentials: DemoCredentials) {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 })
}
