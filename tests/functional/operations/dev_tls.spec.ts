import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import { DevTlsRefusedError, prepareDevTls } from '#services/tls/dev_tls'
import { freePort } from '#tests/helpers/app_instance'

/**
 * DEV_TLS=true (app/services/tls/dev_tls.ts): a real web process serves
 * HTTPS with the self-signed certificate it generated for localhost, which
 * a client trusting that certificate (and only that one) accepts;
 * production refuses the setting.
 */

interface HttpsAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** GET over HTTPS trusting `ca` only (no rejectUnauthorized: false) */
function httpsGet(url: string, ca: string): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: 5000 }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end()
  })
}

test.group('Development HTTPS (DEV_TLS)', (group) => {
  let dir = ''
  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strongroom-dev-tls-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('the web process serves /health/live over HTTPS with its generated localhost certificate', async ({ assert }) => {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
      cwd: app.appRoot.pathname,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), WEB_CONCURRENCY: '1', DEV_TLS: 'true', DEV_TLS_DIR: dir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const exited = once(child, 'exit')
    try {
      const certPath = join(dir, 'localhost-cert.pem')
      let answer: HttpsAnswer | null = null
      for (let i = 0; i < 600 && !answer; i++) {
        if (child.exitCode !== null) assert.fail(`the server exited:\n${output}`)
        const ca = await readFile(certPath, 'utf8').catch(() => null)
        if (ca) answer = await httpsGet(`https://127.0.0.1:${port}/health/live`, ca).catch(() => null)
        if (!answer) await sleep(100)
      }
      assert.isNotNull(answer, `no HTTPS answer within 60 s:\n${output}`)
      assert.equal(answer!.status, 200)
      assert.isString(answer!.headers['x-request-id'])
      /* the backoffice pages carry HSTS as everywhere (shield, BrowserSessionMiddleware): here it reaches a browser over TLS */
      const login = await httpsGet(`https://localhost:${port}/backoffice/login`, await readFile(certPath, 'utf8'))
      assert.equal(login.status, 200)
      assert.match(String(login.headers['strict-transport-security']), /max-age=\d+/)

      const certificate = new X509Certificate(await readFile(certPath, 'utf8'))
      assert.equal(certificate.checkHost('localhost'), 'localhost')
      assert.equal(certificate.checkIP('127.0.0.1'), '127.0.0.1')
      assert.equal((await stat(join(dir, 'localhost-key.pem'))).mode & 0o077, 0, 'the private key is readable by its owner only')

      /* a client that does not trust the certificate is refused, and plain HTTP gets no answer */
      await assert.rejects(() => httpsGet(`https://127.0.0.1:${port}/health/live`, ''))
      const plain = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null)
      assert.isNull(plain, 'no plain HTTP on the TLS port')
      assert.include(output, 'serving HTTPS with the development certificate')
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
    }
  }).timeout(120_000)

  test('the certificate is generated once and reused; production refuses DEV_TLS and HTTPS', async ({ assert }) => {
    const first = await prepareDevTls(app.appRoot.pathname, { DEV_TLS: 'true', DEV_TLS_DIR: dir, NODE_ENV: 'development' })
    const second = await prepareDevTls(app.appRoot.pathname, { HTTPS: 'true', DEV_TLS_DIR: dir, NODE_ENV: 'development' })
    assert.isNotNull(first)
    assert.equal(second!.cert, first!.cert)
    assert.isNull(await prepareDevTls(app.appRoot.pathname, { DEV_TLS: 'false', HTTPS: '', DEV_TLS_DIR: dir }))

    for (const variable of ['DEV_TLS', 'HTTPS']) {
      await assert.rejects(
        () => prepareDevTls(app.appRoot.pathname, { [variable]: 'true', DEV_TLS_DIR: dir, NODE_ENV: 'production' }),
        DevTlsRefusedError
      )
    }
  }).timeout(60_000)
})
