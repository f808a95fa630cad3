import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import RotateDataKeys from '#actions/keys/rotate_data_keys'
import DataKeyring, { bankKeyContext, customerKeyContext, wrappedOf } from '#services/keys/data_keyring'
import KeyFileProvider from '#services/keys/key_file_provider'
import { useKeyProvider } from '#services/keys/key_providers'
import { owner } from '#tests/helpers/audit'
import Pkcs11KeyProvider from '#services/keys/pkcs11_key_provider'
import { createSoftHsmToken } from '#tests/helpers/softhsm'

/**
 * keys:rotate on real PostgreSQL with the local provider and a key file of
 * this test's own: data keys made by the keyring under one master key are
 * re-wrapped under a new one, unwrap to the same bytes, and a second run
 * finds nothing to do. Rows are committed (the ace command runs as a child
 * process) under master key ids unique to each test, every run is scoped to
 * them (--from), and the rows are deleted afterwards.
 */
let directory: string
let keyFile: string
let provider: KeyFileProvider
const customers: number[] = []
const purposes: string[] = []

async function newKeyFile() {
  const id = `lk-test-${randomBytes(4).toString('hex')}`
  await writeFile(keyFile, JSON.stringify({ current: id, keys: { [id]: randomBytes(32).toString('base64') } }), { mode: 0o600 })
  provider = new KeyFileProvider(keyFile, { create: false })
  useKeyProvider(provider)
  return id
}

/** `count` customer keys and `bankCount` bank keys made by the keyring; their plaintexts */
async function makeKeys(count: number, bankCount = 0) {
  const base = 8_000_000_000 + randomInt(1_000_000) * 1000
  const keys = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    customers.push(base + i)
    keys.set(`customer:${base + i}`, Buffer.from((await DataKeyring.forCustomer(base + i, { create: true, region: 'uk' }))!))
  }
  for (let i = 0; i < bankCount; i++) {
    const purpose = `test-${randomBytes(4).toString('hex')}`
    purposes.push(purpose)
    keys.set(`bank:${purpose}`, Buffer.from(await DataKeyring.bankKey(purpose)))
  }
  DataKeyring.forget()
  return { base, keys }
}

async function rowsOf(base: number, count: number) {
  return db.from('customer_data_keys').whereBetween('customer_id', [base, base + count - 1]).orderBy('customer_id')
}

/** Every key unwraps, from its row, to the plaintext it had when made */
async function assertUnwrapsToOriginal(assert: any, keys: Map<string, Buffer>, masterKeyId: string) {
  const reader = new KeyFileProvider(keyFile, { create: false })
  for (const [name, plaintext] of keys) {
    const [kind, id] = name.split(':')
    const row =
      kind === 'customer'
        ? await db.from('customer_data_keys').where('customer_id', id).first()
        : await db.from('bank_data_keys').where('purpose', id).first()
    assert.equal(row.master_key_id, masterKeyId, `${name} is on the new key`)
    const context = kind === 'customer' ? customerKeyContext(Number(id)) : bankKeyContext(id)
    assert.isTrue((await reader.unwrap(wrappedOf(row), context)).equals(plaintext), `${name} unwraps to the same key`)
  }
}

async function ace(...args: string[]) {
  return promisify(execFile)(process.execPath, ['ace', ...args], {
    cwd: app.appRoot.pathname,
    env: { ...process.env, KEY_PROVIDER: 'local', LOCAL_KEY_FILE: keyFile, MASTER_KEY_ID: '' },
  })
    .then(({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }))
    .catch((error) => ({ code: error.code as number, output: String(error.stdout) + String(error.stderr) }))
}

test.group('keys:rotate', (group) => {
  group.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sr-keys-'))
    keyFile = join(directory, 'master-keys.json')
    return async () => {
      useKeyProvider(undefined)
      DataKeyring.forget()
      await owner().from('customer_data_keys').whereIn('customer_id', customers).delete()
      await owner().from('bank_data_keys').whereIn('purpose', purposes).delete()
      await rm(directory, { recursive: true, force: true })
    }
  })

  test('re-wraps every data key under the new master key; each unwraps to the same key; a second run finds nothing', async ({ assert }) => {
    const oldKey = await newKeyFile()
    const { base, keys } = await makeKeys(7, 2)
    await DataKeyring.destroyCustomerKey(base + 6)
    keys.delete(`customer:${base + 6}`)
    const newKey = await provider.createMasterKey()
    assert.equal(provider.currentMasterKeyId(), newKey)

    const summary = await new RotateDataKeys().handle({ batchSize: 3, fromMasterKeyIds: [oldKey] })
    assert.deepEqual(summary.rotated, { customer: 6, bank: 2 })
    assert.deepEqual(summary.failed, [])
    assert.equal(summary.pending, 8)
    assert.equal(summary.remaining, 0)
    assert.equal(summary.targetMasterKeyId, newKey)
    await assertUnwrapsToOriginal(assert, keys, newKey)

    const rows = await rowsOf(base, 7)
    assert.isTrue(rows.slice(0, 6).every((row) => row.rotated_at !== null))
    assert.equal(rows[6].master_key_id, oldKey, 'a destroyed key is left alone')
    assert.isNull(rows[6].wrapped_key)

    const again = await new RotateDataKeys().handle({ fromMasterKeyIds: [oldKey] })
    assert.deepEqual(again.rotated, { customer: 0, bank: 0 })
    assert.equal(again.pending, 0)
    const audit = await db.from('audit_events').where('action', 'keys.data_keys.rotated').where('subject_id', newKey).orderBy('id')
    assert.lengthOf(audit, 2)
  })

  test('a bounded run stops after --limit keys and the next run resumes where it stopped', async ({ assert }) => {
    const oldKey = await newKeyFile()
    const { base, keys } = await makeKeys(9)
    const newKey = await provider.createMasterKey()

    const first = await new RotateDataKeys().handle({ batchSize: 2, limit: 5, fromMasterKeyIds: [oldKey] })
    assert.equal(first.rotated.customer, 5)
    assert.equal(first.remaining, 4)
    const rows = await rowsOf(base, 9)
    assert.deepEqual(
      rows.map((row) => row.master_key_id),
      [...Array(5).fill(newKey), ...Array(4).fill(oldKey)]
    )
    /* readers keep working mid-rotation: each row unwraps under its own master key */
    for (const row of rows) {
      const plaintext = await provider.unwrap(wrappedOf(row), customerKeyContext(Number(row.customer_id)))
      assert.isTrue(plaintext.equals(keys.get(`customer:${row.customer_id}`)!))
    }

    const progress: Array<[number, number]> = []
    const second = await new RotateDataKeys().handle({ batchSize: 2, fromMasterKeyIds: [oldKey], onProgress: (done, total) => progress.push([done, total]) })
    assert.equal(second.rotated.customer, 4)
    assert.equal(second.remaining, 0)
    assert.deepEqual(progress, [[0, 4], [2, 4], [4, 4]])
    await assertUnwrapsToOriginal(assert, keys, newKey)
  })

  test('a key that does not unwrap is reported and left on its old key; the others are rotated', async ({ assert }) => {
    const oldKey = await newKeyFile()
    const { base, keys } = await makeKeys(4)
    /* customer 1's wrapped key copied onto customer 2's row: bound to another context, it must not unwrap */
    const [, one, two] = await rowsOf(base, 4)
    await owner().from('customer_data_keys').where('customer_id', two.customer_id).update({ wrapped_key: one.wrapped_key })
    const newKey = await provider.createMasterKey()

    const summary = await new RotateDataKeys().handle({ fromMasterKeyIds: [oldKey] })
    assert.equal(summary.rotated.customer, 3)
    assert.lengthOf(summary.failed, 1)
    assert.equal(summary.failed[0].key, String(base + 2))
    assert.equal(summary.failed[0].masterKeyId, oldKey)
    assert.equal(summary.remaining, 1)
    const after = await db.from('customer_data_keys').where('customer_id', two.customer_id).first()
    assert.equal(after.master_key_id, oldKey)
    assert.isTrue(after.wrapped_key.equals(one.wrapped_key), 'the failed row is unchanged')
    keys.delete(`customer:${base + 2}`)
    await assertUnwrapsToOriginal(assert, keys, newKey)
  })

  test('node ace keys:generate then keys:rotate, with a progress line, a summary and a non-zero exit on a failure', async ({ assert }) => {
    const oldKey = await newKeyFile()
    const { base, keys } = await makeKeys(5)

    const generated = await ace('keys:generate')
    assert.equal(generated.code, 0, generated.output)
    const newKey = /Created master key (lk-\S+) \(local\)/.exec(generated.output)?.[1]
    assert.exists(newKey, generated.output)
    assert.match(generated.output, /keys:rotate/)
    const file = JSON.parse(await readFile(keyFile, 'utf8'))
    assert.equal(file.current, newKey)
    assert.includeMembers(Object.keys(file.keys), [oldKey, newKey!])

    const bounded = await ace('keys:rotate', '--from', oldKey, '--batch-size', '2', '--limit', '3')
    assert.equal(bounded.code, 0, bounded.output)
    assert.match(bounded.output, /3 re-wrapped \(3 customer, 0 bank\), 0 failed, 2 still not on/)
    assert.match(bounded.output, /run keys:rotate again/)

    const rest = await ace('keys:rotate', '--from', oldKey)
    assert.equal(rest.code, 0, rest.output)
    assert.match(rest.output, /Key rotation done: 2 re-wrapped/)
    assert.match(rest.output, /\[#+\] 2\/2/)
    await assertUnwrapsToOriginal(assert, keys, newKey!)

    /* a row under the old key that cannot be unwrapped: named, exit 1 */
    const [, , third] = await rowsOf(base, 5)
    await owner().from('customer_data_keys').where('customer_id', third.customer_id).update({ master_key_id: oldKey })
    const failing = await ace('keys:rotate', '--from', oldKey)
    assert.equal(failing.code, 1, failing.output)
    assert.include(failing.output, `customer_data_keys ${base + 2} (under ${oldKey})`)
    assert.match(failing.output, /Key rotation incomplete: 0 re-wrapped \(0 customer, 0 bank\), 1 failed, 1 still not on/)

    const refused = await ace('keys:rotate', '--limit', '0')
    assert.equal(refused.code, 1)
    assert.match(refused.output, /--limit takes a positive integer/)
  })
})

test.group('keys:rotate with the PKCS#11 provider (SoftHSM2)', (group) => {
  group.teardown(async () => {
    useKeyProvider(undefined)
    DataKeyring.forget()
    await owner().from('customer_data_keys').whereIn('customer_id', customers).delete()
  })

  test('re-wraps data keys from one HSM key to another inside the token', async ({ assert }) => {
    const token = await createSoftHsmToken()
    const settings = { module: token.module, tokenLabel: token.label, pin: token.pin }
    let hsm = await Pkcs11KeyProvider.open(settings)
    try {
      const oldKey = await hsm.createMasterKey()
      const newKey = await hsm.createMasterKey()
      await hsm.close()
      hsm = await Pkcs11KeyProvider.open({ ...settings, masterKeyId: oldKey })
      useKeyProvider(hsm)
      const base = 8_000_000_000 + randomInt(1_000_000) * 1000
      const keys = new Map<number, Buffer>()
      for (let i = 0; i < 5; i++) {
        customers.push(base + i)
        keys.set(base + i, Buffer.from((await DataKeyring.forCustomer(base + i, { create: true, region: 'uk' }))!))
      }
      DataKeyring.forget()

      /* MASTER_KEY_ID changed to the new key: the process restarts with it */
      await hsm.close()
      hsm = await Pkcs11KeyProvider.open({ ...settings, masterKeyId: newKey })
      useKeyProvider(hsm)
      const summary = await new RotateDataKeys().handle({ batchSize: 2, fromMasterKeyIds: [oldKey] })
      assert.deepEqual(summary.rotated, { customer: 5, bank: 0 })
      assert.deepEqual(summary.failed, [])
      for (const row of await rowsOf(base, 5)) {
        assert.equal(row.provider, 'pkcs11')
        assert.equal(row.master_key_id, newKey)
        const plaintext = await hsm.unwrap(wrappedOf(row), customerKeyContext(Number(row.customer_id)))
        assert.isTrue(plaintext.equals(keys.get(Number(row.customer_id))!))
      }
      assert.equal((await new RotateDataKeys().handle({ fromMasterKeyIds: [oldKey] })).pending, 0)
    } finally {
      useKeyProvider(undefined)
      await hsm.close()
      await token.remove()
    }
  })

  test('node ace keys:generate makes a non-extractable AES key in the token; for aws-kms it explains what to do', async ({ assert }) => {
    const token = await createSoftHsmToken()
    try {
      const env = { ...process.env, KEY_PROVIDER: 'pkcs11', PKCS11_MODULE: token.module, PKCS11_TOKEN_LABEL: token.label, PKCS11_PIN: token.pin }
      const run = await promisify(execFile)(process.execPath, ['ace', 'keys:generate'], { cwd: app.appRoot.pathname, env })
      const label = /Created master key (hsm-\d{8}-[0-9a-f]{8}) \(pkcs11\)/.exec(run.stdout)?.[1]
      assert.exists(label, run.stdout)
      assert.include(run.stdout, `Set MASTER_KEY_ID=${label}`)
      assert.notInclude(run.stdout + run.stderr, token.pin)
      const hsm = await Pkcs11KeyProvider.open({ module: token.module, tokenLabel: token.label, pin: token.pin, masterKeyId: label })
      try {
        const { plaintext, wrapped } = await hsm.generateDataKey({ purpose: 'test' })
        assert.equal(wrapped.masterKeyId, label)
        assert.isTrue((await hsm.unwrap(wrapped, { purpose: 'test' })).equals(plaintext))
      } finally {
        await hsm.close()
      }
    } finally {
      await token.remove()
    }

    const kms = await promisify(execFile)(process.execPath, ['ace', 'keys:generate'], {
      cwd: app.appRoot.pathname,
      env: { ...process.env, KEY_PROVIDER: 'aws-kms' },
    }).catch((error) => error)
    assert.equal(kms.code, 1)
    assert.match(String(kms.stdout) + String(kms.stderr), /master keys are created in AWS KMS/)
    assert.match(String(kms.stdout) + String(kms.stderr), /kms:GenerateDataKey, kms:Encrypt, kms:Decrypt/)
  })
})
