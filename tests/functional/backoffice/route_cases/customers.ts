import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/** Matrix cases for start/routes/backoffice/customers.ts */
export const customersRoutes: RouteCase[] = []
