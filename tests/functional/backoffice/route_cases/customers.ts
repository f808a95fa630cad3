import Customer from '#models/customer'
import type { KycDocument } from '#domain/customers/customer_record'
import { randomUUID } from 'node:crypto'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { PDF_BYTES, plainCustomer } from '#tests/helpers/customers'

/** The next page after a POST must be the customer page without validation errors */
const landsOnCustomer = (check?: (props: any) => void): RouteCase['allowed'] => async (response, agent) => {
  response.assertStatus(302)
  const next = await agent.get(response.header('location')!, { inertia: true })
  next.assertInertiaComponent('backoffice/customers/show')
  if (Object.keys(next.inertiaProps.errors ?? {}).length) {
    throw new Error(`validation errors: ${JSON.stringify(next.inertiaProps.errors)}`)
  }
  if (next.inertiaProps.flash.error) throw new Error(next.inertiaProps.flash.error)
  check?.(next.inertiaProps)
}

/** A customer that already has one uploaded document (metadata and file on the disk) */
async function customerWithDocument() {
  const { customerId } = await plainCustomer()
  const id = randomUUID()
  const key = `kyc/${randomUUID()}`
  const drive = (await import('@adonisjs/drive/services/main')).default
  await drive.use().put(key, PDF_BYTES)
  const document = {
    id, type: 'passport', originalName: 'passport.pdf', size: PDF_BYTES.length, mime: 'application/pdf',
    sha256: '0'.repeat(64), uploadedBy: 1, uploadedAt: new Date().toISOString(), key,
  }
  /* the metadata is part of the customer's sealed personal data: set through the model */
  const customer = await Customer.findOrFail(customerId)
  customer.kycDocuments = [document as KycDocument]
  await customer.save()
  return { customerId, documentId: id }
}

/** Matrix cases for start/routes/backoffice/customers.ts */
export const customersRoutes: RouteCase[] = [
  {
    route: 'backoffice.customers.index',
    permission: 'customers.view',
    request: async () => ({ method: 'get', url: '/backoffice/customers?q=grace&kyc=verified&sort=created&direction=desc' }),
  },
  {
    route: 'backoffice.customers.create',
    permission: 'customers.create',
    request: async () => ({ method: 'get', url: '/backoffice/customers/create' }),
  },
  {
    route: 'backoffice.customers.store',
    permission: 'customers.create',
    request: async () => ({
      method: 'post',
      url: '/backoffice/customers',
      form: { fullName: 'Matrix Customer', email: `matrix-${randomUUID()}@example.test`, phone: '+44 7700 900000' },
    }),
    allowed: landsOnCustomer(),
  },
  {
    route: 'backoffice.customers.show',
    permission: 'customers.view',
    request: async () => {
      const { customerId } = await plainCustomer()
      return { method: 'get', url: `/backoffice/customers/${customerId}` }
    },
  },
  {
    route: 'backoffice.customers.edit',
    permission: 'customers.update',
    request: async () => {
      const { customerId } = await plainCustomer()
      return { method: 'get', url: `/backoffice/customers/${customerId}/edit` }
    },
  },
  {
    route: 'backoffice.customers.update',
    permission: 'customers.update',
    request: async () => {
      const { customerId, tag } = await plainCustomer()
      return {
        method: 'post',
        url: `/backoffice/customers/${customerId}`,
        form: { fullName: `Grace ${tag} Renamed`, email: `grace-${tag}@example.test` },
      }
    },
    allowed: landsOnCustomer((props) => {
      if (!props.customer.fullName.endsWith('Renamed')) throw new Error('the name did not change')
    }),
  },
  {
    route: 'backoffice.customers.reveal',
    permission: 'customers.view_pii',
    request: async () => {
      const { customerId } = await plainCustomer()
      return { method: 'post', url: `/backoffice/customers/${customerId}/reveal`, form: {} }
    },
    allowed: landsOnCustomer((props) => {
      if (props.revealed?.phone !== '+44 7700 900123') throw new Error('identifiers not revealed')
    }),
  },
  {
    route: 'backoffice.customers.kyc',
    permission: 'customers.kyc',
    request: async () => {
      const { customerId } = await plainCustomer({ kycStatus: 'pending' })
      return { method: 'post', url: `/backoffice/customers/${customerId}/kyc`, form: { status: 'verified' } }
    },
    allowed: landsOnCustomer((props) => {
      if (props.customer.kycStatus !== 'verified') throw new Error('KYC status unchanged')
    }),
  },
  {
    route: 'backoffice.customers.payment_limits.update',
    permission: 'customers.payment_limits',
    request: async () => {
      const { customerId } = await plainCustomer()
      return {
        method: 'post',
        url: `/backoffice/customers/${customerId}/payment-limits`,
        form: { currency: 'GBP', single: '100.00', daily: '200.00', idempotencyKey: randomUUID() },
      }
    },
    allowed: landsOnCustomer((props) => {
      const gbp = props.paymentLimits.find((row: any) => row.currency === 'GBP')
      if (gbp?.source !== 'override' || gbp.single.amount !== '100.00') throw new Error('limits not lowered')
    }),
  },
  {
    route: 'backoffice.customers.documents.store',
    permission: 'customers.documents',
    request: async () => {
      const { customerId } = await plainCustomer()
      return {
        method: 'post',
        url: `/backoffice/customers/${customerId}/documents`,
        form: { type: 'proof_of_address' },
        file: { field: 'file', name: 'bill.pdf', content: PDF_BYTES, contentType: 'application/pdf' },
      }
    },
    allowed: landsOnCustomer((props) => {
      if (props.documents.length !== 1) throw new Error('document not listed')
    }),
  },
  {
    route: 'backoffice.customers.documents.show',
    permission: 'customers.documents_view',
    request: async () => {
      const { customerId, documentId } = await customerWithDocument()
      return { method: 'get', url: `/backoffice/customers/${customerId}/documents/${documentId}` }
    },
    allowed: (response) => {
      response.assertStatus(200)
      response.assertHeader('content-type', 'application/pdf')
    },
  },
]
