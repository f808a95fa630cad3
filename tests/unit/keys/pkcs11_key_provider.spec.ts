import { test } from '@japa/runner'
import pkcs11js from 'pkcs11js'
import Pkcs11KeyProvider from '#services/keys/pkcs11_key_provider'
import { createSoftHsmToken, type SoftHsmToken } from '#tests/helpers/softhsm'

/**
 * The PKCS#11 provider against a real SoftHSM2 token made for this group
 * (tests/helpers/softhsm.ts): AES-256-GCM inside the token, the context
 * bound as AAD, master keys that cannot leave it.
 */
const customer = { purpose: 'customer', customer: '42' }

test.group('PKCS#11 key provider (SoftHSM2)', (group) => {
  let token: SoftHsmToken
  let provider: Pkcs11KeyProvider
  let masterKeyId: string

  group.setup(async () => {
    token = await createSoftHsmToken()
    const bootstrap = await Pkcs11KeyProvider.open({ module: token.module, tokenLabel: token.label, pin: token.pin })
    masterKeyId = await bootstrap.createMasterKey()
    await bootstrap.close()
    provider = await Pkcs11KeyProvider.open({ module: token.module, tokenLabel: token.label, pin: token.pin, masterKeyId })
    return async () => {
      await provider.close()
      await token.remove()
    }
  })

  test('wraps a data key inside the token and unwraps it to the same 32 bytes', async ({ assert }) => {
    const generated = await provider.generateDataKey(customer)
    assert.equal(generated.plaintext.length, 32)
    assert.equal(generated.wrapped.provider, 'pkcs11')
    assert.equal(generated.wrapped.masterKeyId, masterKeyId)
    assert.equal(generated.wrapped.wrapped.length, 60)
    assert.notInclude(generated.wrapped.wrapped.toString('hex'), generated.plaintext.toString('hex'))

    const unwrapped = await provider.unwrap(generated.wrapped, { customer: '42', purpose: 'customer' })
    assert.isTrue(unwrapped.equals(generated.plaintext))

    const again = await provider.wrap(generated.plaintext, customer)
    assert.isFalse(again.wrapped.equals(generated.wrapped.wrapped), 'a fresh IV per wrap')
    assert.isTrue((await provider.unwrap(again, customer)).equals(generated.plaintext))
  })

  test('refuses to unwrap under another context or with a changed byte', async ({ assert }) => {
    const { wrapped } = await provider.generateDataKey(customer)
    await assert.rejects(() => provider.unwrap(wrapped, { purpose: 'customer', customer: '43' }), /did not unwrap/)
    await assert.rejects(() => provider.unwrap(wrapped, { purpose: 'customer' }), /did not unwrap/)
    const tampered = Buffer.from(wrapped.wrapped)
    tampered[20] ^= 1
    await assert.rejects(() => provider.unwrap({ ...wrapped, wrapped: tampered }, customer), /did not unwrap/)
    await assert.rejects(() => provider.unwrap({ ...wrapped, wrapped: wrapped.wrapped.subarray(0, 59) }, customer), /59 bytes/)
    /* the provider still works after refusals (no operation left active on the session) */
    assert.isTrue((await provider.unwrap(wrapped, customer)).length === 32)
  })

  test('refuses an unknown master key label', async ({ assert }) => {
    const { wrapped } = await provider.generateDataKey(customer)
    await assert.rejects(() => provider.wrap(Buffer.alloc(32, 1), customer, 'hsm-no-such-key'), /has no master key "hsm-no-such-key"/)
    await assert.rejects(() => provider.unwrap({ ...wrapped, masterKeyId: 'hsm-no-such-key' }, customer), /E_MASTER_KEY_NOT_FOUND|has no master key/)
  })

  test('runs many operations at once on its one session', async ({ assert }) => {
    const keys = await Promise.all(Array.from({ length: 40 }, (_, i) => provider.generateDataKey({ purpose: 'customer', customer: String(i) })))
    const unwrapped = await Promise.all(keys.map((key, i) => provider.unwrap(key.wrapped, { purpose: 'customer', customer: String(i) })))
    unwrapped.forEach((plaintext, i) => assert.isTrue(plaintext.equals(keys[i].plaintext)))
  })

  test('the master key cannot be read out of the token', async ({ assert }) => {
    /* a second, independent look at the token through the PKCS#11 API */
    const pkcs11 = new pkcs11js.PKCS11()
    pkcs11.load(token.module)
    try {
      pkcs11.C_Initialize()
    } catch (error: any) {
      assert.equal(error.code, pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)
    }
    const slot = pkcs11.C_GetSlotList(true).find((handle) => pkcs11.C_GetTokenInfo(handle).label.trim() === token.label)!
    const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)
    try {
      try {
        pkcs11.C_Login(session, pkcs11js.CKU_USER, token.pin)
      } catch (error: any) {
        assert.equal(error.code, pkcs11js.CKR_USER_ALREADY_LOGGED_IN)
      }
      pkcs11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_LABEL, value: masterKeyId }])
      const [key] = pkcs11.C_FindObjects(session, 2)
      pkcs11.C_FindObjectsFinal(session)
      assert.exists(key)

      const [extractable, sensitive, neverExtractable] = pkcs11.C_GetAttributeValue(session, key, [
        { type: pkcs11js.CKA_EXTRACTABLE },
        { type: pkcs11js.CKA_SENSITIVE },
        { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
      ])
      assert.equal((extractable.value as Buffer)[0], 0)
      assert.equal((sensitive.value as Buffer)[0], 1)
      assert.equal((neverExtractable.value as Buffer)[0], 1)

      let refusal: any
      try {
        pkcs11.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_VALUE }])
      } catch (error) {
        refusal = error
      }
      assert.equal(refusal?.code, pkcs11js.CKR_ATTRIBUTE_SENSITIVE)
    } finally {
      pkcs11.C_CloseSession(session)
    }
  })

  test('a new master key wraps new keys while keys under the old one still unwrap', async ({ assert }) => {
    const before = await provider.generateDataKey(customer)
    const newKeyId = await provider.createMasterKey()
    assert.match(newKeyId, /^hsm-\d{8}-[0-9a-f]{8}$/)
    assert.notEqual(newKeyId, masterKeyId)

    const rewrapped = await provider.wrap(before.plaintext, customer, newKeyId)
    assert.equal(rewrapped.masterKeyId, newKeyId)
    assert.isTrue((await provider.unwrap(rewrapped, customer)).equals(before.plaintext))
    assert.isTrue((await provider.unwrap(before.wrapped, customer)).equals(before.plaintext))
    /* the two master keys differ: the old key's wrapped bytes do not open under the new one */
    await assert.rejects(() => provider.unwrap({ ...before.wrapped, masterKeyId: newKeyId }, customer), /did not unwrap/)

    /* another process (a new session) finds the key by its label */
    const other = await Pkcs11KeyProvider.open({ module: token.module, tokenLabel: token.label, pin: token.pin, masterKeyId: newKeyId })
    try {
      assert.isTrue((await other.unwrap(rewrapped, customer)).equals(before.plaintext))
    } finally {
      await other.close()
    }
  })
})

/* Its own token and no provider open: the login state is per process, so a wrong PIN is only checked when nobody is logged in */
test.group('PKCS#11 key provider settings (SoftHSM2)', (group) => {
  let token: SoftHsmToken

  group.setup(async () => {
    token = await createSoftHsmToken()
    return () => token.remove()
  })

  test('refuses a wrong PIN, an unknown token and a missing setting with a clear error', async ({ assert }) => {
    await assert.rejects(
      () => Pkcs11KeyProvider.open({ module: token.module, tokenLabel: token.label, pin: 'not-the-pin' }),
      /the PIN was refused \(PKCS11_PIN\)/
    )
    await assert.rejects(
      () => Pkcs11KeyProvider.open({ module: token.module, tokenLabel: 'no-such-token', pin: token.pin }),
      /no token labelled "no-such-token"/
    )
    await assert.rejects(() => Pkcs11KeyProvider.open({ module: token.module, tokenLabel: token.label }), /PKCS11_PIN/)
    await assert.rejects(() => Pkcs11KeyProvider.open({ module: '/nonexistent/libpkcs11.so', tokenLabel: token.label, pin: token.pin }), /could not be loaded/)
    const noCurrent = await Pkcs11KeyProvider.open({ module: token.module, tokenLabel: token.label, pin: token.pin })
    try {
      assert.throws(() => noCurrent.currentMasterKeyId(), /MASTER_KEY_ID/)
    } finally {
      await noCurrent.close()
    }
  })
})
