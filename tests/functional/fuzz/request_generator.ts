import fc from 'fast-check'
import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import router from '@adonisjs/core/services/router'

/**
 * The malformed-request generator of the fuzz test (fast-check). Routes
 * come from the AdonisJS router at run time, field names from the VineJS
 * validators in app/validators, so a new route or field is fuzzed without
 * editing this file.
 *
 * Requests are malformed BY CONSTRUCTION so that none can change state:
 * - body and query values never contain a real id, account number or a
 *   valid e-mail address (only unknown, zero, negative, overflowing or
 *   ill-typed ones), so no create / post / freeze can find its target;
 * - real ids appear only in the path of GET/HEAD requests, and for a
 *   customer actor as the "foreign" account of another customer and its
 *   own unfunded account (no money to move);
 * - routes that act without any input (ACT_WITHOUT_INPUT) never receive
 *   valid credentials with their own method.
 */

export const ACTORS = ['anonymous', 'customer', 'admin', 'teller', 'loan_officer', 'compliance', 'auditor'] as const
export type Actor = (typeof ACTORS)[number]
export const STAFF_ACTORS = ['admin', 'teller', 'loan_officer', 'compliance', 'auditor'] as const

/**
 * Routes that change state with no input at all, so any request with valid
 * credentials succeeds: the generator withholds the credentials (bad CSRF
 * token for staff, broken bearer token for customers) on their own method.
 */
export const ACT_WITHOUT_INPUT: Record<string, string> = {
  'backoffice.session.destroy': 'signs the caller out',
  'backoffice.profile.sign_out_others': 'ends the caller’s other sessions (bumps session_version)',
  'backoffice.audit.verify': 'records an audit verification run',
  'api.v1.auth.tokens.destroy': 'revokes the caller’s bearer token',
  'api.v1.notifications.read_all': 'marks every notification of the caller read',
}

export interface FuzzRoute {
  name: string
  pattern: string
  methods: string[]
  params: string[]
}

/** Every named route of /api/v1 and /backoffice, as the router has them now */
export function fuzzRoutes(): FuzzRoute[] {
  const routes: FuzzRoute[] = []
  for (const route of Object.values(router.toJSON()).flat() as any[]) {
    const pattern: string = route.pattern
    if (!pattern.startsWith('/api/v1') && !pattern.startsWith('/backoffice')) continue
    const params = pattern
      .split('/')
      .filter((part) => part.startsWith(':') || part === '*')
      .map((part) => part.replace(/^:/, '').replace(/\?$/, ''))
    routes.push({ name: route.name ?? pattern, pattern, methods: route.methods.filter((m: string) => m !== 'HEAD'), params })
  }
  return routes.sort((a, b) => a.name.localeCompare(b.name))
}

/** Field names of every VineJS validator (nested ones included), plus a few the validators do not know */
export async function fuzzFieldNames(): Promise<string[]> {
  const names = new Set(['id', 'amount', 'currency', 'headers', '__proto__', 'constructor', 'a[b]', 'q[]', '_method', '_csrf'])
  const dir = fileURLToPath(new URL('../../../app/validators/', import.meta.url))
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.ts')) continue
    const module = await import(`#validators/${file.replace(/\.ts$/, '')}`)
    for (const value of Object.values(module)) {
      if (value && typeof (value as any).toJSON === 'function') collect((value as any).toJSON().schema, names)
    }
  }
  return [...names].sort()
}

function collect(node: unknown, names: Set<string>) {
  if (Array.isArray(node)) return node.forEach((item) => collect(item, names))
  if (!node || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'fieldName' || key === 'propertyName') && typeof value === 'string' && value !== '*') names.add(value)
    else collect(value, names)
  }
}

/** Ids that exist for the fixture; see the header for where each may be used */
export interface FuzzIds {
  /** real ids of any table, for GET paths only */
  existing: string[]
  /** another customer's account / transfer (refused to the customer) */
  foreign: string[]
  /** the customer's own unfunded account and its own transfer */
  own: string[]
}

const UNKNOWN_ID = '2000000001'
const OVERFLOW = ['9223372036854775808', '99999999999999999999999999', '1e308', '2147483648', '9007199254740993']

const TEXT = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'rent \u202Egpj.exe',
  '\u202A\u202B\u202C\u202D',
  'x\u2066y\u2067z\u2068w\u2069',
  '😀💸🏦',
  '👩‍👩‍👧‍👦'.repeat(50),
  'Ω≈ç√∫',
  '\ud800',
  'x'.repeat(300),
  'y'.repeat(5_000),
  "' or 1=1 --",
  '%00',
  '%',
  '_',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=cmd|\' /C calc\'!A0',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '0.00',
  '-0.01',
  '1.2345',
  '1e3',
  '12,50',
  '999999999999999999.99',
  '2024-02-30',
  '2024-02-29',
  '1990-01-01',
  '9999-12-31',
  '0001-01-01',
  '2024-13-45',
  '9999-99-99',
  '0000-00-00',
  '2024-02-29T25:61:00Z',
  '-000001-01-01',
  'current',
  'savings',
  'GBP',
  'XXX',
  'gbp',
  'credit',
  'debit',
  'admin',
  'pending',
  'verified',
  'rejected',
  'asc',
  'SR0000000000',
  'SR00000000000000000000000000000000000',
  'not-an-email',
  'a@@b',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  '123456',
  '000000',
  'AAAA-BBBB-CCCC',
  UNKNOWN_ID,
  ...OVERFLOW,
]

const NUMBERS = [0, -1, -0.5, 0.001, 1.5, 2147483648, 9007199254740993, 1e308, -1e308, Number(UNKNOWN_ID)]

/** A hostile scalar: never a real id, account number or valid e-mail address */
const scalar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'grapheme' }) }
)

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 8, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.record({ amount: scalar, currency: scalar }, { requiredKeys: [] }),
        fc.record({ accountId: scalar, accountNumber: scalar }, { requiredKeys: [] }),
        fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'amount'), tie('value'), { maxKeys: 2 })
      ),
    }
  ),
})).value

const ids = (pool: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(UNKNOWN_ID, '0', '-1', '1.5', 'abc', '%00', ' ', '1e3', '0x10', ...OVERFLOW) },
    { weight: 1, arbitrary: fc.constantFrom(...TEXT) },
    { weight: pool.length ? 3 : 0, arbitrary: fc.constantFrom(...(pool.length ? pool : ['x'])) }
  )

export type BodyKind = 'none' | 'json' | 'form' | 'raw'

export interface FuzzRequest {
  route: string
  actor: Actor
  method: string
  path: string
  query: string
  body: { kind: BodyKind; text: string }
  headers: Record<string, string>
  /** which credentials to send: the actor's own, none, or a broken variant */
  auth: 'own' | 'none' | 'garbage-bearer' | 'basic' | 'bearer-malformed' | 'bearer-truncated'
  csrf: 'valid' | 'missing' | 'wrong'
  ip: string
}

const WRONG_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded; charset=binary',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  '*/*',
  'garbage',
]

const RAW_BODIES = ['{', '{"a":', 'null', '[]', '[1,2,3]', '"str"', '1', 'true', '{"__proto__":{"admin":true}}', '\u0000', '%%%', 'a=1&a=2&a[b]=3']

function fill(pattern: string, values: Record<string, string>) {
  return pattern.replace(/:([A-Za-z0-9_]+)\??|\*/g, (_match, name) => encode(values[name ?? '*'] ?? ''))
}

/** Percent-encoding; a lone surrogate becomes the invalid UTF-8 sequence %ED%A0%80 */
function encode(value: string): string {
  return encodeURIComponent(value.replaceAll('\uFFFD', '?').toWellFormed()).replaceAll('%EF%BF%BD', '%ED%A0%80')
}

/** The fast-check arbitrary of one malformed request */
export function requestArbitrary(routes: FuzzRoute[], fields: string[], pools: FuzzIds): fc.Arbitrary<FuzzRequest> {
  const fieldKey = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) })
  const object = fc.dictionary(fieldKey, value, { maxKeys: 6 })

  return fc
    .record({
      route: fc.constantFrom(...routes),
      actor: fc.constantFrom(...ACTORS),
      wrongMethod: sometimes(fc.constantFrom(...WRONG_METHODS)),
      seed: fc.integer({ min: 0, max: 2 ** 30 }),
    })
    .chain(({ route, actor, wrongMethod }) => {
      const method = wrongMethod ?? route.methods[0]!
      const readOnly = method === 'GET' || method === 'HEAD'
      const pathPool = [
        ...(actor === 'customer' ? [...pools.foreign, ...pools.own] : []),
        ...(readOnly && actor !== 'customer' && actor !== 'anonymous' ? pools.existing : []),
      ]
      /* the route the request really reaches (a wrong method may hit another route of the same path) */
      const target = routes.find((other) => other.pattern === route.pattern && other.methods.includes(method))
      const noInput = !!target && target.name in ACT_WITHOUT_INPUT
      return fc.record({
        route: fc.constant(route.name),
        actor: fc.constant(actor),
        method: fc.constant(method),
        path: fc
          .tuple(...route.params.map((name) => ids(pathPool).map((id) => [name, id] as const)))
          .map((pairs) => fill(route.pattern, Object.fromEntries(pairs))),
        query: fc
          .oneof(
            { weight: readOnly ? 1 : 4, arbitrary: fc.constant('') },
            { weight: 4, arbitrary: fc.dictionary(fieldKey, scalar, { maxKeys: 4 }).map(toQuery) },
            { weight: 1, arbitrary: fc.constantFrom('q=a&q=b', 'page[]=1', 'from[a]=1', 'a%00b=1', '%E2%80%AE=1', 'perPage=1e309', 'cursor=%FF%FE') }
          ),
        body: readOnly
          ? fc.oneof({ weight: 9, arbitrary: fc.constant({ kind: 'none' as BodyKind, text: '' }) }, { weight: 1, arbitrary: object.map(json) })
          : fc.oneof(
              { weight: 1, arbitrary: fc.constant({ kind: 'none' as BodyKind, text: '' }) },
              { weight: 5, arbitrary: object.map(json) },
              { weight: 3, arbitrary: object.map(form) },
              { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ kind: 'raw' as BodyKind, text })) },
              { weight: 1, arbitrary: fc.constant({ kind: 'json' as BodyKind, text: JSON.stringify({ reference: 'z'.repeat(200_000) }) }) }
            ),
        headers: fc
          .record({
            'content-type': sometimes(fc.constantFrom(...CONTENT_TYPES)),
            'idempotency-key': sometimes(
              fc.constantFrom('', ' ', 'k', 'x'.repeat(300), 'caf\u00e9', 'a b', '00000000-0000-4000-8000-000000000000', 'tab\there'),
              route.name.includes('transfer') ? 3 : 1
            ),
            accept: sometimes(fc.constantFrom('application/json', 'text/html', '*/*', 'application/problem+json', 'image/png'), 2),
            'x-request-id': sometimes(fc.constantFrom('x'.repeat(500), 'a b', '../../', 'ok-1')),
            'x-http-method-override': sometimes(fc.constantFrom('DELETE', 'PUT', 'GET')),
          })
          .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, item]) => item !== undefined)) as Record<string, string>),
        auth: noInput && actor !== 'anonymous'
          ? fc.constantFrom('garbage-bearer' as const, 'bearer-truncated' as const)
          : fc.oneof(
              { weight: 6, arbitrary: fc.constant('own' as const) },
              { weight: 1, arbitrary: fc.constantFrom('none' as const, 'garbage-bearer' as const, 'basic' as const, 'bearer-malformed' as const, 'bearer-truncated' as const) }
            ),
        csrf: noInput
          ? fc.constantFrom('missing' as const, 'wrong' as const)
          : fc.oneof(
              { weight: 6, arbitrary: fc.constant('valid' as const) },
              { weight: 1, arbitrary: fc.constantFrom('missing' as const, 'wrong' as const) }
            ),
        ip: fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(
          ([a, b, c]) => `10.${a}.${b}.${c}`
        ),
      })
    })
}

/** Mostly absent, sometimes one of the hostile values */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight, arbitrary })
}

function toQuery(entries: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, item] of Object.entries(entries)) params.append(key, String(item))
  return params.toString()
}

function json(object: Record<string, unknown>) {
  return { kind: 'json' as BodyKind, text: JSON.stringify(object) }
}

function form(object: Record<string, unknown>) {
  const params = new URLSearchParams()
  for (const [key, item] of Object.entries(object)) {
    params.append(key, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))
  }
  return { kind: 'form' as BodyKind, text: params.toString() }
}
