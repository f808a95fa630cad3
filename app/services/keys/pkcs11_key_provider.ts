import { randomBytes } from 'node:crypto'
import pkcs11js from 'pkcs11js'
import type { EncryptionContext, GeneratedDataKey, KeyProvider, WrappedKey } from '#services/keys/key_provider'
import { canonicalContext } from '#services/keys/encryption_context'
import DataKeyUnwrapFailedException from '#exceptions/data_key_unwrap_failed_exception'
import KeyProviderUnavailableException from '#exceptions/key_provider_unavailable_exception'
import MasterKeyNotFoundException from '#exceptions/master_key_not_found_exception'

/**
 * The `pkcs11` key provider: master keys are AES-256 secret key objects in
 * an HSM token, found by label (CKA_LABEL = the master key id), created
 * sensitive and non-extractable: their value never leaves the HSM, and a
 * key that could leave it (CKA_EXTRACTABLE true or CKA_SENSITIVE false) is
 * refused as a master key.
 *
 * A data key is wrapped by C_Encrypt with CKM_AES_GCM inside the HSM, the
 * canonical encryption context as AAD, a random 96-bit IV and a 128-bit
 * tag: iv(12) | ciphertext(32) | tag(16). Unwrapping is C_Decrypt with the
 * same context; a different context, a changed byte or another key fails
 * the tag check in the HSM. (Encrypt/Decrypt rather than C_WrapKey: the
 * data key lives in process memory anyway, and SoftHSM2 offers GCM only
 * for Encrypt/Decrypt, not for key wrapping.) Data keys come from
 * crypto.randomBytes (the OS CSPRNG).
 *
 * One logged-in read-write session per provider, opened by open(); the
 * PIN is only passed to C_Login (again after a lost session) and never
 * logged. The login state belongs to the process, not the session: a
 * second provider in a process already logged in to the token is not
 * asked for its PIN again. A PKCS#11 session runs one operation at a
 * time, so operations are queued (init and the call are never interleaved
 * with another's); C_Encrypt/C_Decrypt run on the libuv pool, not the
 * event loop. A lost session (HSM restarted, token re-inserted) is reopened
 * once per call. The library is initialised once per process and module
 * path, finalised when its last provider closes.
 */
export interface Pkcs11Options {
  /** Path of the PKCS#11 library (libsofthsm2.so, the HSM vendor's .so) */
  module: string
  /** Token label (PKCS11_TOKEN_LABEL); or `slot` */
  tokenLabel?: string
  /** Slot id (PKCS11_SLOT); used instead of the label when set */
  slot?: number
  pin?: string
  /** The current master key's label (MASTER_KEY_ID) */
  masterKeyId?: string
}

const NAME = 'pkcs11'
const IV_BYTES = 12
const TAG_BYTES = 16
const DATA_KEY_BYTES = 32
const WRAPPED_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES

/** Return values meaning the session is gone and a new one may work */
const SESSION_LOST = new Set([
  pkcs11js.CKR_SESSION_HANDLE_INVALID,
  pkcs11js.CKR_SESSION_CLOSED,
  pkcs11js.CKR_DEVICE_REMOVED,
  pkcs11js.CKR_TOKEN_NOT_PRESENT,
  pkcs11js.CKR_USER_NOT_LOGGED_IN,
  pkcs11js.CKR_OBJECT_HANDLE_INVALID,
  pkcs11js.CKR_KEY_HANDLE_INVALID,
])

interface Library {
  pkcs11: pkcs11js.PKCS11
  users: number
}

const libraries = new Map<string, Library>()

function acquireLibrary(module: string): pkcs11js.PKCS11 {
  const existing = libraries.get(module)
  if (existing) {
    existing.users++
    return existing.pkcs11
  }
  const pkcs11 = new pkcs11js.PKCS11()
  try {
    pkcs11.load(module)
  } catch (error: any) {
    throw new KeyProviderUnavailableException(NAME, `the PKCS#11 library ${module} could not be loaded (PKCS11_MODULE): ${error?.message}`)
  }
  try {
    pkcs11.C_Initialize()
  } catch (error: any) {
    if (error?.code !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw unavailable('C_Initialize failed', error)
  }
  libraries.set(module, { pkcs11, users: 1 })
  return pkcs11
}

function releaseLibrary(module: string) {
  const library = libraries.get(module)
  if (!library) return
  if (--library.users > 0) return
  libraries.delete(module)
  try {
    library.pkcs11.C_Finalize()
  } catch {}
}

function unavailable(what: string, error: any) {
  return new KeyProviderUnavailableException(NAME, `${what}: ${error?.message ?? error}`)
}

const trimmed = (text: string) => text.replace(/[\s\0]+$/, '')
const flag = (value: Buffer | undefined) => value !== undefined && value.length > 0 && value[0] !== 0

export default class Pkcs11KeyProvider implements KeyProvider {
  readonly name = 'pkcs11' as const
  #pkcs11: pkcs11js.PKCS11 | undefined
  #slot: pkcs11js.Handle | undefined
  #session: pkcs11js.Handle | undefined
  #keys = new Map<string, pkcs11js.Handle>()
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(private options: Pkcs11Options) {}

  /** Loads the library, finds the token, opens a session and logs in */
  static async open(options: Pkcs11Options): Promise<Pkcs11KeyProvider> {
    if (options.slot === undefined && !options.tokenLabel) {
      throw new KeyProviderUnavailableException(NAME, 'set PKCS11_TOKEN_LABEL (or PKCS11_SLOT) to the token holding the master keys')
    }
    if (!options.pin) throw new KeyProviderUnavailableException(NAME, 'PKCS11_PIN (the token user PIN) is not set')
    const provider = new Pkcs11KeyProvider(options)
    provider.#pkcs11 = acquireLibrary(options.module)
    try {
      provider.#slot = provider.#findSlot()
      provider.#login()
    } catch (error) {
      await provider.close()
      throw error
    }
    return provider
  }

  currentMasterKeyId(): string {
    if (!this.options.masterKeyId) {
      throw new KeyProviderUnavailableException(NAME, 'MASTER_KEY_ID (the label of the current master key in the token) is not set; create one with "node ace keys:generate"')
    }
    return this.options.masterKeyId
  }

  async generateDataKey(context: EncryptionContext, masterKeyId?: string): Promise<GeneratedDataKey> {
    const plaintext = randomBytes(DATA_KEY_BYTES)
    try {
      return { plaintext, wrapped: await this.wrap(plaintext, context, masterKeyId) }
    } catch (error) {
      plaintext.fill(0)
      throw error
    }
  }

  async wrap(plaintext: Buffer, context: EncryptionContext, masterKeyId = this.currentMasterKeyId()): Promise<WrappedKey> {
    if (plaintext.length !== DATA_KEY_BYTES) throw new TypeError(`A data key is ${DATA_KEY_BYTES} bytes, not ${plaintext.length}`)
    const iv = randomBytes(IV_BYTES)
    const sealed = await this.#withSession(async (pkcs11, session) => {
      pkcs11.C_EncryptInit(session, this.#gcm(iv, context), this.#masterKey(masterKeyId))
      return pkcs11.C_EncryptAsync(session, plaintext, Buffer.alloc(DATA_KEY_BYTES + TAG_BYTES))
    })
    return { provider: 'pkcs11', masterKeyId, wrapped: Buffer.concat([iv, sealed]) }
  }

  async unwrap(key: WrappedKey, context: EncryptionContext): Promise<Buffer> {
    if (key.provider !== 'pkcs11') {
      throw new DataKeyUnwrapFailedException(NAME, key.masterKeyId, `it was wrapped by the ${key.provider} provider`)
    }
    if (key.wrapped.length !== WRAPPED_BYTES) {
      throw new DataKeyUnwrapFailedException(NAME, key.masterKeyId, `${key.wrapped.length} bytes instead of ${WRAPPED_BYTES}`)
    }
    return this.#withSession(async (pkcs11, session) => {
      const handle = this.#masterKey(key.masterKeyId)
      const iv = key.wrapped.subarray(0, IV_BYTES)
      const output = Buffer.alloc(DATA_KEY_BYTES + TAG_BYTES)
      try {
        pkcs11.C_DecryptInit(session, this.#gcm(iv, context), handle)
        const plaintext = Buffer.from(await pkcs11.C_DecryptAsync(session, key.wrapped.subarray(IV_BYTES), output))
        if (plaintext.length !== DATA_KEY_BYTES) throw new Error(`${plaintext.length} bytes`)
        return plaintext
      } catch (error: any) {
        if (SESSION_LOST.has(error?.code)) throw error
        /* SoftHSM2 reports a failed GCM tag check as CKR_GENERAL_ERROR, other HSMs as CKR_ENCRYPTED_DATA_INVALID */
        throw new DataKeyUnwrapFailedException(NAME, key.masterKeyId, `the context or the wrapped bytes differ (${error?.message ?? error})`)
      } finally {
        output.fill(0)
      }
    })
  }

  /**
   * A new AES-256 master key in the token: a token object, private,
   * sensitive, never extractable, usable only to encrypt and decrypt.
   * Its label is its id, `hsm-<yyyymmdd>-<random>`.
   */
  async createMasterKey(): Promise<string> {
    const label = `hsm-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`
    await this.#withSession(async (pkcs11, session) => {
      const handle = pkcs11.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
        { type: pkcs11js.CKA_LABEL, value: label },
        { type: pkcs11js.CKA_ID, value: Buffer.from(label, 'utf8') },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_PRIVATE, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: true },
        { type: pkcs11js.CKA_EXTRACTABLE, value: false },
        { type: pkcs11js.CKA_ENCRYPT, value: true },
        { type: pkcs11js.CKA_DECRYPT, value: true },
        { type: pkcs11js.CKA_WRAP, value: false },
        { type: pkcs11js.CKA_UNWRAP, value: false },
        { type: pkcs11js.CKA_SIGN, value: false },
        { type: pkcs11js.CKA_VERIFY, value: false },
        { type: pkcs11js.CKA_DERIVE, value: false },
      ])
      this.#keys.set(label, handle)
    })
    return label
  }

  async close() {
    const pkcs11 = this.#pkcs11
    if (!pkcs11) return
    await this.#queue.catch(() => {})
    this.#closeSession()
    this.#pkcs11 = undefined
    releaseLibrary(this.options.module)
  }

  /** Runs one session operation after the previous ones; a lost session is reopened and the operation retried once */
  #withSession<T>(operation: (pkcs11: pkcs11js.PKCS11, session: pkcs11js.Handle) => Promise<T>): Promise<T> {
    const run = async () => {
      const pkcs11 = this.#pkcs11
      if (!pkcs11) throw new KeyProviderUnavailableException(NAME, 'the provider was closed')
      if (!this.#session) this.#login()
      try {
        return await operation(pkcs11, this.#session!)
      } catch (error: any) {
        if (!SESSION_LOST.has(error?.code)) throw error
        this.#closeSession()
        this.#login()
        return operation(pkcs11, this.#session!)
      }
    }
    const result = this.#queue.then(run, run)
    this.#queue = result.catch(() => {})
    return result
  }

  #gcm(iv: Buffer, context: EncryptionContext): pkcs11js.Mechanism {
    return {
      mechanism: pkcs11js.CKM_AES_GCM,
      parameter: {
        type: pkcs11js.CK_PARAMS_AES_GCM_v240,
        iv,
        ivBits: IV_BYTES * 8,
        aad: canonicalContext(context),
        tagBits: TAG_BYTES * 8,
      } satisfies pkcs11js.AesGCM as pkcs11js.IParams,
    }
  }

  /** The master key's handle: exactly one AES key with that label, 256 bits, sensitive, not extractable */
  #masterKey(label: string): pkcs11js.Handle {
    const cached = this.#keys.get(label)
    if (cached) return cached
    const pkcs11 = this.#pkcs11!
    const session = this.#session!
    pkcs11.C_FindObjectsInit(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
      { type: pkcs11js.CKA_LABEL, value: label },
    ])
    let found: pkcs11js.Handle[]
    try {
      found = pkcs11.C_FindObjects(session, 2)
    } finally {
      pkcs11.C_FindObjectsFinal(session)
    }
    if (found.length === 0) throw new MasterKeyNotFoundException(NAME, label, `no secret key with this label in token ${this.#tokenName()}`)
    if (found.length > 1) throw new MasterKeyNotFoundException(NAME, label, 'several keys carry this label; labels of master keys must be unique')
    const [keyType, length, sensitive, extractable, encrypt, decrypt] = pkcs11.C_GetAttributeValue(session, found[0], [
      { type: pkcs11js.CKA_KEY_TYPE },
      { type: pkcs11js.CKA_VALUE_LEN },
      { type: pkcs11js.CKA_SENSITIVE },
      { type: pkcs11js.CKA_EXTRACTABLE },
      { type: pkcs11js.CKA_ENCRYPT },
      { type: pkcs11js.CKA_DECRYPT },
    ]).map((attribute) => attribute.value as Buffer)
    const problems = [
      keyType.readUIntLE(0, Math.min(keyType.length, 6)) !== pkcs11js.CKK_AES && 'not an AES key',
      length.readUIntLE(0, Math.min(length.length, 6)) !== 32 && 'not 256 bits',
      !flag(sensitive) && 'not sensitive',
      flag(extractable) && 'extractable',
      !(flag(encrypt) && flag(decrypt)) && 'not allowed to encrypt and decrypt',
    ].filter(Boolean)
    if (problems.length > 0) {
      throw new MasterKeyNotFoundException(NAME, label, `refused as a master key: ${problems.join(', ')}`)
    }
    this.#keys.set(label, found[0])
    return found[0]
  }

  #findSlot(): pkcs11js.Handle {
    const pkcs11 = this.#pkcs11!
    let slots: pkcs11js.Handle[]
    try {
      slots = pkcs11.C_GetSlotList(true)
    } catch (error) {
      throw unavailable('C_GetSlotList failed', error)
    }
    if (this.options.slot !== undefined) {
      const slot = slots.find((handle) => handle.readBigUInt64LE(0) === BigInt(this.options.slot!))
      if (!slot) throw new KeyProviderUnavailableException(NAME, `no token in slot ${this.options.slot} (PKCS11_SLOT)`)
      return slot
    }
    const slot = slots.find((handle) => trimmed(pkcs11.C_GetTokenInfo(handle).label) === this.options.tokenLabel)
    if (!slot) throw new KeyProviderUnavailableException(NAME, `no token labelled "${this.options.tokenLabel}" (PKCS11_TOKEN_LABEL) in ${this.options.module}`)
    return slot
  }

  #login() {
    const pkcs11 = this.#pkcs11!
    try {
      this.#session = pkcs11.C_OpenSession(this.#slot!, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION)
    } catch (error) {
      throw unavailable('C_OpenSession failed', error)
    }
    try {
      pkcs11.C_Login(this.#session, pkcs11js.CKU_USER, this.options.pin)
    } catch (error: any) {
      /* the login state is the application's, shared by its sessions: another session may have logged in */
      if (error?.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN) return
      this.#closeSession()
      const reason = error?.code === pkcs11js.CKR_PIN_INCORRECT ? 'the PIN was refused (PKCS11_PIN)' : `C_Login failed: ${error?.message}`
      throw new KeyProviderUnavailableException(NAME, reason)
    }
  }

  #closeSession() {
    const session = this.#session
    this.#session = undefined
    this.#keys.clear()
    if (!session || !this.#pkcs11) return
    try {
      this.#pkcs11.C_CloseSession(session)
    } catch {}
  }

  #tokenName() {
    return this.options.tokenLabel ? `"${this.options.tokenLabel}"` : `in slot ${this.options.slot}`
  }
}
