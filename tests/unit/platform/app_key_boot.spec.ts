import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'

/** Boots `node ace list:routes` (it validates start/env.ts) with the given APP_KEY */
async function bootWithKey(appKey: string) {
  return promisify(execFile)(process.execPath, ['ace', 'list:routes', '--json'], {
    cwd: app.appRoot.pathname,
    env: { ...process.env, NODE_ENV: 'test', APP_KEY: appKey, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  }).then(
    () => ({ code: 0, output: '' }),
    (error) => ({ code: error.code as number, output: String(error.stdout) + String(error.stderr) })
  )
}

test.group('APP_KEY length', () => {
  test('an APP_KEY shorter than 32 bytes refuses to boot with a clear message', async ({ assert }) => {
    const result = await bootWithKey('a'.repeat(31))
    assert.equal(result.code, 1)
    assert.include(result.output, 'APP_KEY is too short: 31 bytes, at least 32 are required')
  }).timeout(70_000)

  test('an APP_KEY of exactly 32 bytes boots', async ({ assert }) => {
    const result = await bootWithKey('b'.repeat(32))
    assert.equal(result.code, 0, result.output)
  }).timeout(70_000)
})
