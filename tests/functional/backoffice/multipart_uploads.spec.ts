import Customer from '#models/customer'
import { test } from '@japa/runner'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { assertProblem, uniqueIp } from '#tests/helpers/api'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { PDF_BYTES, plainCustomer } from '#tests/helpers/customers'
import { StaffAgent } from '#tests/helpers/staff_agent'

const ONE_MEGABYTE = Buffer.alloc(1024 * 1024, 'x')

/**
 * os.tmpdir() follows TMPDIR, read on every call: each test points it at
 * an empty directory of its own, so "no file was written" is checked
 * exactly, whatever other processes do in /tmp.
 */
async function isolatedTmpdir() {
  const previous = process.env.TMPDIR
  const dir = await mkdtemp(join(previous ?? '/tmp', 'sr-multipart-test-'))
  process.env.TMPDIR = dir
  return {
    files: () => readdir(dir),
    restore: async () => {
      if (previous === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previous
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** KYC document metadata is sealed with the customer's personal data: read through the model */
const documentsOf = async (customerId: number) => (await Customer.findOrFail(customerId)).kycDocuments as unknown[]

test.group('Multipart bodies: only the document upload routes take them', (group) => {
  let tmp: Awaited<ReturnType<typeof isolatedTmpdir>>
  group.each.setup(async () => {
    await resetLoginThrottle()
    tmp = await isolatedTmpdir()
    return () => tmp.restore()
  })

  test('a multipart POST to /api/v1/auth/tokens is 415 problem+json and writes no file', async ({ client, assert }) => {
    const response = await client
      .post('/api/v1/auth/tokens')
      .header('X-Forwarded-For', uniqueIp())
      .fields({ email: 'someone@example.test', password: 'x' })
      .file('junk', ONE_MEGABYTE, { filename: 'junk.bin', contentType: 'application/octet-stream' })

    assertProblem(assert, response, 415, 'E_UNSUPPORTED_MEDIA_TYPE')
    assert.deepEqual(await tmp.files(), [])
  })

  test('a multipart POST to backoffice routes is 415 (problem+json or plain text) and writes no file', async ({ client, assert }) => {
    const anonymous = await new StaffAgent(client).start()
    const login = await anonymous.upload('/backoffice/login', { email: 'a@b.c', password: 'x' }, {
      field: 'junk', name: 'junk.bin', content: ONE_MEGABYTE, contentType: 'application/octet-stream',
    }, { json: true })
    assertProblem(assert, login, 415, 'E_UNSUPPORTED_MEDIA_TYPE')

    const { agent } = await signedIn(client, 'admin')
    const page = await agent.upload('/backoffice/customers', { fullName: 'X' }, {
      field: 'junk', name: 'junk.bin', content: ONE_MEGABYTE, contentType: 'application/octet-stream',
    })
    page.assertStatus(415)
    assert.match(page.header('content-type')!, /^text\/plain/)
    assert.include(page.text(), 'does not accept multipart/form-data')
    assert.deepEqual(await tmp.files(), [])
  })

  test('an unauthenticated or unauthorised multipart POST to the upload route writes nothing', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const file = { field: 'file', name: 'a.pdf', content: Buffer.concat([PDF_BYTES, ONE_MEGABYTE]), contentType: 'application/pdf' }

    const anonymous = await new StaffAgent(client).start()
    const refused = await anonymous.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, file)
    refused.assertStatus(302)
    assert.equal(refused.header('location'), '/backoffice/login')

    const { agent: auditor } = await signedIn(client, 'auditor')
    const forbidden = await auditor.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, file)
    forbidden.assertStatus(403)

    assert.deepEqual(await tmp.files(), [])
    assert.lengthOf(await documentsOf(customerId), 0)
  })

  test('a successful upload and a refused one leave no temporary file', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent } = await signedIn(client, 'teller')
    await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })

    const stored = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, {
      field: 'file', name: 'passport.pdf', content: PDF_BYTES, contentType: 'application/pdf',
    })
    stored.assertStatus(302)
    assert.equal((await agent.flashAfter(stored)).success, 'Document uploaded.')
    assert.lengthOf(await documentsOf(customerId), 1)

    const refused = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, {
      field: 'file', name: 'notes.pdf', content: Buffer.from('plain text, not a pdf'), contentType: 'application/pdf',
    })
    refused.assertStatus(302)
    assert.lengthOf(await documentsOf(customerId), 1)
    assert.deepEqual(await tmp.files(), [])
  })

  test('a file above 10 MB is refused with a message and leaves no temporary file', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent } = await signedIn(client, 'teller')
    await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })

    const response = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, {
      field: 'file', name: 'huge.pdf', content: Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)]), contentType: 'application/pdf',
    })
    response.assertStatus(302)
    const page = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.match(page.inertiaProps.flash.error, /larger than 10mb/)
    assert.lengthOf(await documentsOf(customerId), 0)
    assert.deepEqual(await tmp.files(), [])
  }).timeout(30_000)
})
