import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseSpectral, triage } from '../../../scripts/audit/findings.mjs'

/**
 * The security audit's Spectral part on every CI run (it takes seconds;
 * wapiti and sqlmap run in `npm run audit:security`): the served
 * /api/v1/openapi.json linted with the OWASP API security ruleset
 * (.spectral.yaml). A critical or high finding that
 * docs/security-audit-baseline.json does not accept fails, as it fails
 * the audit: a new request field without a limit, a new unauthenticated
 * operation.
 */

const ROOT = join(import.meta.dirname, '../../..')
const SPECTRAL = join(ROOT, 'node_modules/.bin/spectral')

test.group('Security audit: Spectral over the OpenAPI document', () => {
  test('the served document has no critical or high OWASP finding the baseline does not accept', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    const document = response.body()
    const dir = await mkdtemp(join(tmpdir(), 'sr-spectral-'))
    try {
      await writeFile(join(dir, 'openapi.json'), JSON.stringify(document))
      /* spectral exits 1 when it reports anything: its report is the result, not its exit code */
      await promisify(execFile)(
        SPECTRAL,
        ['lint', '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--output', join(dir, 'report.json'), '--fail-severity', 'hint', join(dir, 'openapi.json')],
        { cwd: ROOT, timeout: 60_000 }
      ).catch((error) => {
        if (error.code !== 1) throw error
      })
      const results = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))
      assert.isAbove(results.length, 0, 'the ruleset ran (the OWASP rules always report the accepted findings)')
      const baseline = JSON.parse(await readFile(join(ROOT, 'docs/security-audit-baseline.json'), 'utf8'))
      const blocking = triage(parseSpectral(results, document), baseline)
        .findings.filter((finding) => finding.blocking)
        .map((finding) => `${finding.severity} ${finding.rule} at ${finding.target}: ${finding.detail}`)
      assert.deepEqual(blocking, [], 'triage each in docs/security-audit.md: fix it, or accept it in docs/security-audit-baseline.json with the reason')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }).timeout(90_000)
})
