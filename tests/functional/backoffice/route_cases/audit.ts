import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/** Matrix cases for start/routes/backoffice/audit.ts */
export const auditRoutes: RouteCase[] = []
