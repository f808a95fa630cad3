import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'

/**
 * start/env.ts as the test runner loads it on a fresh clone: NODE_ENV=test,
 * nothing in the process environment, and only the env files of `dir`
 * (ENV_PATH points the loader there instead of the checkout, whose .env
 * a fresh clone does not have).
 */
async function loadTestEnv(files: Record<string, string | null>) {
  const dir = await mkdtemp(join(tmpdir(), 'strongroom-env-'))
  try {
    for (const [name, contents] of Object.entries(files)) {
      if (contents === null) await copyFile(app.makePath(name), join(dir, name))
      else await writeFile(join(dir, name), contents)
    }
    const script = `const { default: env } = await import('./start/env.ts')
      console.log(JSON.stringify({ appKey: env.get('APP_KEY').release().length, databaseUrl: env.get('DATABASE_URL') ?? '' }))`
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', '@poppinss/ts-exec', '--input-type=module', '-e', script],
      { cwd: app.appRoot.pathname, env: { PATH: process.env.PATH, NODE_ENV: 'test', ENV_PATH: dir }, timeout: 60_000 }
    )
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as { appKey: number; databaseUrl: string }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

test.group('Test environment on a fresh clone', () => {
  test('the committed .env.test alone satisfies start/env.ts, with an APP_KEY of at least 32 bytes', async ({ assert }) => {
    const loaded = await loadTestEnv({ '.env.test': null })
    assert.isAtLeast(loaded.appKey, 32)
  }).timeout(70_000)

  test("a developer's .env cannot point the suite at the development database", async ({ assert }) => {
    const loaded = await loadTestEnv({
      '.env.test': null,
      '.env': 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/strongroom\n',
    })
    assert.equal(loaded.databaseUrl, '')
  }).timeout(70_000)
})
