import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export const SOFTHSM_MODULE = process.env.PKCS11_MODULE || '/usr/lib/softhsm/libsofthsm2.so'

export interface SoftHsmToken {
  label: string
  pin: string
  soPin: string
  module: string
  /** The temporary softhsm2.conf (SOFTHSM2_CONF points at it while the token exists) */
  conf: string
  /** Removes the token directory and restores SOFTHSM2_CONF */
  remove(): Promise<void>
}

/**
 * A throw-away SoftHSM2 token for one test group, owned by the test
 * process's user: a softhsm2.conf with its own token directory under the
 * system temp dir, `softhsm2-util --init-token --free`, random user and SO
 * PINs. SOFTHSM2_CONF is set in this process's environment because
 * SoftHSM2 reads it at C_Initialize; close every PKCS#11 provider (which
 * finalizes the library) before remove().
 */
export async function createSoftHsmToken(label = `sr-test-${randomBytes(3).toString('hex')}`): Promise<SoftHsmToken> {
  const dir = await mkdtemp(join(tmpdir(), 'sr-softhsm-'))
  const tokens = join(dir, 'tokens')
  await mkdir(tokens, { mode: 0o700 })
  const conf = join(dir, 'softhsm2.conf')
  await writeFile(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`)
  const pin = randomBytes(6).toString('hex')
  const soPin = randomBytes(6).toString('hex')
  const previous = process.env.SOFTHSM2_CONF
  await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], {
    env: { ...process.env, SOFTHSM2_CONF: conf },
  })
  process.env.SOFTHSM2_CONF = conf
  return {
    label,
    pin,
    soPin,
    module: SOFTHSM_MODULE,
    conf,
    async remove() {
      if (previous === undefined) delete process.env.SOFTHSM2_CONF
      else process.env.SOFTHSM2_CONF = previous
      await rm(dir, { recursive: true, force: true })
    },
  }
}
