import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import auditConfig from '#config/audit'
import { databaseLocation } from '#config/database'
import type { DatabaseEndpoint } from '#services/database/database_location'
import { derivedSigningKey } from '#services/audit/audit_signing_keys'
import { freePort } from '#tests/helpers/app_instance'
import keysConfig from '#config/keys'
import { explicitResidencyEnv } from '#services/residency/regions'

/**
 * What an app instance needs to run with NODE_ENV=production against the
 * test database: the audit and OAuth signing keys production insists on,
 * the same ones the test process derives from APP_KEY (so seals and tokens
 * of either verify in the other), and production's session store (the
 * encrypted cookie: the test env's memory store is per process). The
 * database is named explicitly (runtime and owner roles), because
 * production refuses the embedded PostgreSQL the suite may be running on.
 * So are the master key file (production never creates one) and every
 * residency region's storage path (production refuses a shared root).
 */
export function productionEnv(): Record<string, string> {
  const pem = (purpose: string) => String(derivedSigningKey(auditConfig.appKey, purpose).export({ format: 'pem', type: 'pkcs8' }))
  return {
    NODE_ENV: 'production',
    SESSION_DRIVER: 'cookie',
    DATABASE_URL: postgresUrl(databaseLocation),
    DATABASE_OWNER_URL: postgresUrl(databaseLocation.owner),
    AUDIT_SIGNING_KEY: pem('audit-signing-key/v1'),
    OAUTH_SIGNING_KEY: pem('oauth-signing-key/v1'),
    /* production never creates a key file, and the data keys in the test database are wrapped by this one */
    KEY_PROVIDER: 'local',
    LOCAL_KEY_FILE: keysConfig.local.file,
    /* production refuses a shared storage root: every region path named */
    ...explicitResidencyEnv(),
  }
}

/** A connection URL of a database endpoint (the embedded PostgreSQL's too) for a child process or a client tool */
export function postgresUrl({ host, port, user, password, database }: DatabaseEndpoint): string {
  const credentials = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user)
  return `postgres://${credentials}@${host}:${port}/${encodeURIComponent(database)}`
}

export interface Haproxy {
  url: string
  port: number
  output(): string
  stop(): Promise<void>
}

/**
 * A real HAProxy (the Debian package's binary, in the foreground: -db)
 * balancing round robin over `backends` (http://host:port URLs), without
 * TLS, health-checking GET /health/ready like ops/haproxy/haproxy.cfg.
 * Resolves once every backend answers through it. `port`: a port
 * chosen beforehand (the instances' APP_URL names it), default a free one.
 */
export async function startHaproxy(backends: string[], port?: number): Promise<Haproxy> {
  port ??= await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'strongroom-haproxy-'))
  const config = join(dir, 'haproxy.cfg')
  const servers = backends.map((url, i) => `  server web${i + 1} ${new URL(url).host} check inter 500ms fall 2 rise 1`)
  await writeFile(
    config,
    [
      'global',
      '  log stdout format raw local0 info',
      'defaults',
      '  mode http',
      '  log global',
      '  option httplog',
      '  timeout connect 5s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  option forwardfor',
      '  option redispatch',
      '  retries 2',
      'frontend web',
      `  bind 127.0.0.1:${port}`,
      '  http-request set-header X-Forwarded-Proto http',
      '  default_backend app',
      'backend app',
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      ...servers,
      '',
    ].join('\n')
  )
  const child = spawn('haproxy', ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = once(child, 'exit')
  const proxy: Haproxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
  try {
    await waitForPort(port, () => child.exitCode !== null, () => output)
    /* round robin: as many readiness probes in a row as backends, all answered (one by each) */
    for (let i = 0; i < 300; i++) {
      const answers: number[] = []
      for (const _ of backends) answers.push(await fetch(`${proxy.url}/health/ready`).then((r) => r.status).catch(() => 0))
      if (answers.every((status) => status === 200)) return proxy
      await sleep(100)
    }
    throw new Error(`haproxy backends not up within 30 s:\n${output}`)
  } catch (error) {
    await proxy.stop()
    throw error
  }
}

async function waitForPort(port: number, exited: () => boolean, output: () => string) {
  for (let i = 0; i < 200; i++) {
    if (exited()) throw new Error(`haproxy exited:\n${output()}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => (socket.end(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await sleep(100)
  }
  throw new Error(`haproxy did not listen within 20 s:\n${output()}`)
}
