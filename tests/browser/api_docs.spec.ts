import { test } from '@japa/runner'
import { mkdir } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { openApiDocument } from '#domain/api/openapi/document'

/**
 * The API reference (/api/docs) in Chromium: Scalar renders every
 * operation of the OpenAPI document under the page's own CSP
 * (#services/http/api_docs_policy), with no CSP violation, no script
 * error and nothing fetched from another origin.
 */
test.group('API reference in a browser', () => {
  test('renders every operation of /api/v1 with no CSP violation', async ({ browserContext, assert }) => {
    const origin = `http://${env.get('HOST')}:${env.get('PORT')}`
    const problems: string[] = []
    const foreign: string[] = []
    await browserContext.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) => {
        (window.__cspViolations ??= []).push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' at ' + event.sourceFile + ':' + event.lineNumber)
      })`,
    })
    const page = await browserContext.newPage()
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url())
    })

    const response = await page.goto(`${origin}/api/docs`)
    assert.equal(response?.status(), 200)
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/)

    const summaries = Object.values(openApiDocument().paths).flatMap((item) => Object.values(item).map((operation) => operation.summary))
    assert.isAbove(summaries.length, 10)
    await page.getByText(summaries[0], { exact: true }).first().waitFor({ timeout: 30_000 })
    for (const summary of summaries) {
      assert.isAbove(await page.getByText(summary, { exact: true }).count(), 0, `operation "${summary}" is listed`)
    }
    await page.getByText('Pay from one of your accounts', { exact: true }).first().click()
    await page.getByText('E_INSUFFICIENT_FUNDS').first().waitFor({ state: 'attached' })
    await page.waitForLoadState('networkidle')

    await mkdir(app.makePath('tmp/screenshots'), { recursive: true })
    await page.screenshot({ path: app.makePath('tmp/screenshots/api_docs.png') })

    const violations = await page.evaluate('window.__cspViolations ?? []')
    assert.deepEqual(violations, [], 'CSP violations')
    assert.deepEqual(problems, [], 'script errors')
    assert.deepEqual(foreign, [], 'requests to another origin')
  })
})
