import { assert } from '@japa/assert'
import { ApiClient, apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { browserClient } from '@japa/browser-client'
import { inertiaApiClient } from '@adonisjs/inertia/plugins/api_client'
import { launchChromium } from '#tests/browser/launcher'
import { checkApiContract, reportContractViolations } from '#tests/helpers/openapi_contract'

/** Every /api/v1 response a test receives is checked against the OpenAPI document (tests/helpers/openapi_contract.ts) */
ApiClient.teardown(checkApiContract)

/**
 * Japa plugins. The browser client is registered by the browser suite only
 * (tests/browser), so unit and functional runs do not need Chromium.
 */
export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  inertiaApiClient(app),
  browserClient({ runInSuites: ['browser'], launcher: launchChromium }),
]

/**
 * Before all suites: a freshly migrated test database (real PostgreSQL,
 * embedded or DATABASE_URL), migrated as the owner role; the tests' `db`
 * is the runtime role, which owns nothing (ARCHITECTURE §4). Nothing is
 * truncated: each test creates its own rows (database/factories, helpers in
 * tests/helpers/<area>.ts) and asserts on those; everything is rolled back
 * at the end. Unit specs never query the database (pure rules only).
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db('owner').migrate()],
  teardown: [reportContractViolations],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
