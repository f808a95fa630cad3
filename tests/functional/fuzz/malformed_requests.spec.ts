import { test } from '@japa/runner'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { changedTables, tableFingerprint } from '#tests/helpers/table_fingerprint'
import { FUZZ_FINGERPRINT, formatReport, fuzzFixture, runFuzz, testServerUrl } from '#tests/functional/fuzz/fuzz_harness'
import { fuzzRoutes } from '#tests/functional/fuzz/request_generator'

/**
 * Property: no malformed request to any route of /api/v1 or the backoffice,
 * by any actor, is answered with a 5xx, and together they change nothing.
 * FUZZ_RUNS (default 1000), FUZZ_SEED (default 20261203) and
 * FUZZ_CONCURRENCY (default 4); `npm run fuzz` runs 10,000.
 * FUZZ_DEBUG=<status> prints every request answered with that status.
 * The generator (request_generator.ts) says how requests are kept from
 * changing state; fuzz_harness.ts lists what the fingerprint leaves out.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000)
const SEED = Number(process.env.FUZZ_SEED ?? 20261203)
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4)

test.group('Fuzz: malformed requests to every route', (group) => {
  /* the sign-in counters of the fuzzed IPs must not slow down later groups */
  group.teardown(() => resetLoginThrottle())

  test('the router has API and backoffice routes to fuzz', ({ assert }) => {
    const routes = fuzzRoutes()
    assert.isAbove(routes.filter((r) => r.pattern.startsWith('/api/v1')).length, 5)
    assert.isAbove(routes.filter((r) => r.pattern.startsWith('/backoffice')).length, 30)
  })

  test('no malformed request answers 5xx or changes a business table', async ({ client, assert }) => {
    const fixture = await fuzzFixture(client)
    const before = await tableFingerprint(FUZZ_FINGERPRINT)

    const report = await runFuzz(fixture, { runs: RUNS, seed: SEED, concurrency: CONCURRENCY, baseUrl: testServerUrl() })
    console.log(formatReport(report))

    assert.deepEqual(report.failures.length, 0, `${report.failures.length} request(s) answered 5xx or failed; see the report above`)
    assert.deepEqual(changedTables(before, await tableFingerprint(FUZZ_FINGERPRINT)), [], 'tables changed by malformed requests')

    /* nobody was signed out along the way: the staff sessions and the customer token still work */
    for (const [role, { cookie }] of Object.entries(fixture.credentials.staff)) {
      const response = await fetch(`${testServerUrl()}/backoffice/profile`, { headers: { cookie }, redirect: 'manual' })
      assert.equal(response.status, 200, `${role} session still valid`)
    }
    const accounts = await client.get('/api/v1/accounts').bearerToken(fixture.credentials.customerToken)
    accounts.assertStatus(200)
  }).timeout(Math.max(120_000, RUNS * 200))
})

