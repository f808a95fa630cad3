import { randomUUID } from 'node:crypto'
import RiskConfigurationQueries from '#queries/risk/risk_configuration_queries'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/**
 * Matrix cases for start/routes/backoffice/risk_settings.ts (admins:
 * risk.configure). The allowed POST only files a four-eyes request; its
 * change weighs a rule 0 at every band, so it would score nothing
 * differently even if approved.
 */
export const riskSettingsRoutes: RouteCase[] = [
  {
    route: 'backoffice.risk.settings.show',
    permission: 'risk.configure',
    request: async () => ({ method: 'get', url: '/backoffice/risk/settings' }),
  },
  {
    route: 'backoffice.risk.settings.store',
    permission: 'risk.configure',
    request: async () => {
      const config = structuredClone(await new RiskConfigurationQueries().active())
      const typology = config.typologies[config.typologies.length - 1]
      if (typology.weights.failed_login_burst) delete typology.weights.failed_login_burst
      else typology.weights.failed_login_burst = { low: 0, medium: 0, high: 0 }
      return {
        method: 'post',
        url: '/backoffice/risk/settings',
        form: { configuration: JSON.stringify(config), reason: 'Matrix case', idempotency_key: randomUUID() },
      }
    },
  },
]
