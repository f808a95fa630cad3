import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import { recordEvents, sealOf } from '#tests/helpers/audit'

/** Starts a child process and collects its output until it exits */
function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: app.appRoot.pathname,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run = { child, output: '', exited: once(child, 'exit') as Promise<[number | null]> }
  child.stdout.on('data', (chunk) => (run.output += chunk))
  child.stderr.on('data', (chunk) => (run.output += chunk))
  return run
}

async function waitFor(condition: () => boolean | Promise<boolean>, tries = 200) {
  for (let i = 0; i < tries && !(await condition()); i++) await sleep(50)
}

test.group('Audit sealer processes', () => {
  test('node ace audit:seal seals the committed backlog once and exits 0', async ({ assert }) => {
    const ids = await recordEvents(3, 'test.command.sealed')
    const run = start(['ace', 'audit:seal'], {})
    const [code] = await run.exited
    assert.equal(code, 0, run.output)
    assert.match(run.output, /Sealed [1-9]\d* events into [1-9]\d* blocks/)
    for (const id of ids) assert.isNotNull(await sealOf(id))
  }).timeout(60_000)

  test('node ace audit:seal --watch keeps sealing until SIGTERM', async ({ assert }) => {
    const run = start(['ace', 'audit:seal', '--watch', '--interval=100'], {})
    try {
      await waitFor(() => run.output.includes('Sealing audit events every 100 ms'))
      const [id] = await recordEvents(1, 'test.watch.sealed')
      await waitFor(async () => (await sealOf(id)) !== null)
      assert.isNotNull(await sealOf(id), run.output)
    } finally {
      run.child.kill('SIGTERM')
    }
    const [code] = await run.exited
    assert.equal(code, 0, run.output)
  }).timeout(60_000)

  test('a web server seals committed rows every AUDIT_SEAL_INTERVAL_MS and stops cleanly on SIGTERM', async ({ assert }) => {
    const server = start(['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
      PORT: '0',
      AUDIT_SEAL_INTERVAL_MS: '100',
      LOG_LEVEL: 'info',
    })
    try {
      await waitFor(() => server.output.includes('audit sealer running'))
      assert.include(server.output, 'audit sealer running every 100 ms')
      const [id] = await recordEvents(1, 'test.web.sealed')
      await waitFor(async () => (await sealOf(id)) !== null)
      assert.isNotNull(await sealOf(id), 'the web process sealed the row')
    } finally {
      server.child.kill('SIGTERM')
    }
    const [code] = await server.exited
    assert.equal(code, 0, server.output)
  }).timeout(60_000)
})
