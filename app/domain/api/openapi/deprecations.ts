/**
 * Deprecated /api/v1 operations, by route name: the one place to deprecate
 * one. An entry here (a) marks the operation `deprecated: true` in the
 * OpenAPI document, with the sunset and the link in its description and
 * the three headers in its responses, and (b) makes ApiDeprecationMiddleware
 * send on every response of that route, success or error:
 *
 *   Deprecation: @1796083200                       (RFC 9745, when it was deprecated: 2026-12-01)
 *   Sunset: Wed, 30 Jun 2027 23:59:59 GMT           (RFC 8594, last moment it works)
 *   Link: <https://…>; rel="deprecation"; type="text/html"
 *
 * Breaking changes go to /api/v2; a v1 operation is removed only after its
 * sunset. The route/document test fails on an entry naming no operation.
 */
export interface Deprecation {
  /** The day it was (or will be) deprecated, YYYY-MM-DD (UTC midnight) */
  since: string
  /** The last day it works, YYYY-MM-DD (until 23:59:59 UTC) */
  sunset: string
  /** Migration notes for people: what to use instead */
  link: string
}

/** Nothing in /api/v1 is deprecated today. Example: 'api.v1.accounts.balances': { since: '2026-12-01', sunset: '2027-06-30', link: 'https://strongroom.dev/changes/balances-v2' } */
export const DEPRECATED_OPERATIONS: Record<string, Deprecation> = {}

export function deprecationOf(routeName: string | undefined): Deprecation | undefined {
  return routeName === undefined || !Object.hasOwn(DEPRECATED_OPERATIONS, routeName)
    ? undefined
    : DEPRECATED_OPERATIONS[routeName]
}

/** The Deprecation, Sunset and Link header values of a deprecation */
export function deprecationHeaders(deprecation: Deprecation): { Deprecation: string; Sunset: string; Link: string } {
  const since = utcInstant(deprecation.since, '00:00:00')
  const sunset = utcInstant(deprecation.sunset, '23:59:59')
  if (sunset.getTime() < since.getTime()) throw new Error(`Sunset ${deprecation.sunset} is before ${deprecation.since}`)
  return {
    Deprecation: `@${Math.floor(since.getTime() / 1000)}`,
    Sunset: sunset.toUTCString(),
    Link: `<${deprecation.link}>; rel="deprecation"; type="text/html"`,
  }
}

function utcInstant(day: string, time: string): Date {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T${time}Z`) : new Date(Number.NaN)
  if (Number.isNaN(instant.getTime())) throw new Error(`Not a calendar day (YYYY-MM-DD): ${day}`)
  return instant
}
