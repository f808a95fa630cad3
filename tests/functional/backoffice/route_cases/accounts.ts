import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/** Matrix cases for start/routes/backoffice/accounts.ts */
export const accountsRoutes: RouteCase[] = []
