import { X509Certificate } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { join, resolve } from 'node:path'

/**
 * HTTPS for local development (Operations I): with DEV_TLS=true (or
 * HTTPS=true) the web process serves TLS with a self-signed certificate
 * for localhost, 127.0.0.1 and ::1, generated once under tmp/tls/ (git
 * ignored, like all of tmp/; DEV_TLS_DIR elsewhere) and renewed when it
 * is about to expire.
 * Secure cookies, WebAuthn-style browser rules and partner callbacks that
 * insist on https:// can then be tried locally. Refused in production:
 * there TLS ends at the load balancer or ingress (ARCHITECTURE §1).
 */
export interface DevTls {
  key: string
  cert: string
  /** Where the certificate is, to trust it (browser, curl --cacert, NODE_EXTRA_CA_CERTS) */
  certPath: string
}

export const DEV_TLS_DIR = 'tmp/tls'
const KEY_FILE = 'localhost-key.pem'
const CERT_FILE = 'localhost-cert.pem'
const VALID_DAYS = 365
/** A certificate closer than this to its end is replaced */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000

export class DevTlsRefusedError extends Error {}

/** Whether this process was asked to serve TLS (DEV_TLS or HTTPS: true, 1 or yes) */
export function devTlsRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return [env.DEV_TLS, env.HTTPS].some((value) => /^(true|1|yes)$/i.test(value?.trim() ?? ''))
}

/**
 * The key and certificate to serve, or null when TLS was not asked for.
 * Throws DevTlsRefusedError in production.
 */
export async function prepareDevTls(appRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<DevTls | null> {
  if (!devTlsRequested(env)) return null
  if (env.NODE_ENV === 'production') {
    throw new DevTlsRefusedError(
      'DEV_TLS/HTTPS is for local development only: in production TLS is terminated by the load balancer or ingress. Unset it.'
    )
  }
  const dir = env.DEV_TLS_DIR ? resolve(appRoot, env.DEV_TLS_DIR) : join(appRoot, DEV_TLS_DIR)
  const keyPath = join(dir, KEY_FILE)
  const certPath = join(dir, CERT_FILE)
  const existing = await readPair(keyPath, certPath)
  if (existing && stillValid(existing.cert)) return { ...existing, certPath }

  const generated = await generateLocalhostCertificate()
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await writeFile(keyPath, generated.key, { mode: 0o600 })
  await writeFile(certPath, generated.cert, { mode: 0o644 })
  return { ...generated, certPath }
}

/**
 * `createServer` for the Ignitor (bin/server.ts): HTTPS with the prepared
 * certificate, else plain HTTP. The https server has the http server's
 * API (close, closeIdleConnections …), so callers keep one type.
 */
export function createNodeServer(tls: DevTls | null, handler: RequestListener): Server {
  if (!tls) return createHttpServer(handler)
  return createHttpsServer({ key: tls.key, cert: tls.cert }, handler) as unknown as Server
}

async function readPair(keyPath: string, certPath: string) {
  try {
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') }
  } catch {
    return null
  }
}

function stillValid(certPem: string): boolean {
  try {
    const certificate = new X509Certificate(certPem)
    return new Date(certificate.validTo).getTime() - Date.now() > RENEW_BEFORE_MS && certificate.checkHost('localhost') !== undefined
  } catch {
    return false
  }
}

/** A self-signed EC P-256 certificate for localhost (selfsigned: WebCrypto and pkijs, no OpenSSL binary) */
async function generateLocalhostCertificate(): Promise<{ key: string; cert: string }> {
  const { generate } = await import('selfsigned')
  const notBeforeDate = new Date(Date.now() - 60_000)
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 24 * 3600 * 1000)
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  })
  return { key: pems.private, cert: pems.cert }
}
