import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  normalisePath,
  parseSpectral,
  parseSqlmap,
  parseWapiti,
  sqlmapRunProblem,
  summaryTable,
  triage,
  validateBaseline,
  type BaselineEntry,
} from '../../../scripts/audit/findings.mjs'
import { EXCLUDED, flattenRoutes, sqlmapTargets, startUrls } from '../../../scripts/audit/targets.mjs'

/**
 * The security audit (npm run audit:security) without its scanners: the
 * committed baseline is valid, and each tool's report, in the shape the
 * installed versions write it (wapiti 3.0.4 JSON, sqlmap 1.7 console,
 * Spectral 6 JSON), becomes the right findings with the right severity.
 */

const ROOT = join(import.meta.dirname, '../../..')

/** wapiti -f json: levels "4" critical … "1" low; anomalies are findings, additionals are not */
const WAPITI_REPORT = {
  classifications: { 'SQL Injection': { desc: '…', sol: '…', ref: {} } },
  vulnerabilities: {
    'SQL Injection': [
      {
        method: 'GET',
        path: '/backoffice/customers',
        info: 'SQL Injection (DMBS: PostgreSQL) via injection in the parameter q',
        level: 4,
        parameter: 'q',
        http_request: 'GET /backoffice/customers?q=%27 HTTP/1.1',
        curl_command: 'curl …',
      },
    ],
    'Content Security Policy Configuration': [
      { method: 'GET', path: '/api/v1/accounts/25', info: 'CSP is not set', level: '1', parameter: '' },
      { method: 'GET', path: '/api/v1/accounts/30', info: 'CSP is not set', level: '1', parameter: '' },
    ],
    'Cross Site Scripting': [],
  },
  anomalies: {
    'Internal Server Error': [
      {
        method: 'GET',
        path: '/backoffice/audit',
        info: 'The server responded with a 500 HTTP error code while attempting to inject a payload in the parameter from',
        level: 3,
        parameter: 'from',
      },
    ],
  },
  additionals: { 'Fingerprint web technology': [{ method: 'GET', path: '/', info: 'Node.js', level: 0, parameter: '' }] },
  infos: { target: 'http://127.0.0.1:4371/backoffice/' },
}

const SQLMAP_VULNERABLE = `[12:00:01] [INFO] testing connection to the target URL
[12:00:03] [INFO] (custom) GET parameter '#2*' appears to be 'AND boolean-based blind - WHERE or HAVING clause' injectable
sqlmap identified the following injection point(s) with a total of 52 HTTP(s) requests:
---
Parameter: #2* ((custom) GET)
    Type: boolean-based blind
    Title: AND boolean-based blind - WHERE or HAVING clause
    Payload: http://127.0.0.1:4371/backoffice/customers?q=smith' AND 1234=1234 AND 'abc'='abc

    Type: time-based blind
    Title: PostgreSQL > 8.1 AND time-based blind
    Payload: http://127.0.0.1:4371/backoffice/customers?q=smith' AND 1234=(SELECT 1234 FROM PG_SLEEP(2)) AND 'abc'='abc
---
[12:00:05] [INFO] the back-end DBMS is PostgreSQL
`

const SQLMAP_CLEAN = `[12:00:01] [INFO] testing connection to the target URL
[12:00:08] [WARNING] (custom) POST parameter 'JSON #1*' does not seem to be injectable
[12:00:09] [CRITICAL] all tested parameters do not appear to be injectable. Try to increase values for '--level'/'--risk' options if you wish to perform more tests
[12:00:09] [WARNING] HTTP error codes detected during run:
422 (Unprocessable Entity) - 118 times, 500 (Internal Server Error) - 3 times
`

const SQLMAP_REFUSED = `[12:00:01] [INFO] testing connection to the target URL
[12:00:01] [CRITICAL] unable to connect to the target URL ('Connection refused'). sqlmap is going to retry the request(s)
`

/** spectral lint -f json: severity 0 error … 3 hint, path into the document */
const SPECTRAL_RESULTS = [
  {
    code: 'owasp:api4:2023-string-limit',
    message: 'Schema of type string must specify maxLength, enum, or const.',
    path: ['paths', '/transfers', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'reference'],
    severity: 0,
  },
  {
    code: 'owasp:api4:2023-string-limit',
    message: 'Schema of type string must specify maxLength, enum, or const.',
    path: ['paths', '/accounts', 'get', 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'next'],
    severity: 0,
  },
  { code: 'owasp:api4:2023-string-restricted', message: 'Schema of type string should specify a format, pattern, enum, or const.', path: ['components', 'schemas', 'Id'], severity: 1 },
  { code: 'info-contact', message: 'Info object must have "contact" object.', path: ['info'], severity: 1 },
]

test.group('Security audit: the committed baseline', () => {
  test('docs/security-audit-baseline.json is valid: every accepted finding has a tool, a rule, a place, a triage and a reason', ({ assert }) => {
    const baseline = JSON.parse(readFileSync(join(ROOT, 'docs/security-audit-baseline.json'), 'utf8'))
    assert.deepEqual(validateBaseline(baseline), [])
  })

  test('every accepted finding is explained in docs/security-audit.md', ({ assert }) => {
    const baseline = JSON.parse(readFileSync(join(ROOT, 'docs/security-audit-baseline.json'), 'utf8'))
    const doc = readFileSync(join(ROOT, 'docs/security-audit.md'), 'utf8')
    const missing = (baseline.accepted as BaselineEntry[]).filter((entry) => !doc.includes(entry.rule)).map((entry) => entry.rule)
    assert.deepEqual(missing, [])
  })

  test('refuses an entry without a reason, with an unknown tool or triage, accepting everything, or twice', ({ assert }) => {
    const entry = { tool: 'spectral', rule: 'owasp:api4:2023-rate-limit', target: '* * responses.*', triage: 'accepted-risk', reason: 'Limits are answered with 429 and Retry-After.' }
    assert.deepEqual(validateBaseline({ accepted: [entry] }), [])
    assert.lengthOf(validateBaseline({ accepted: [{ ...entry, reason: 'ok' }] }), 1)
    assert.lengthOf(validateBaseline({ accepted: [{ ...entry, tool: 'nmap' }] }), 1)
    assert.lengthOf(validateBaseline({ accepted: [{ ...entry, triage: 'later' }] }), 1)
    assert.lengthOf(validateBaseline({ accepted: [{ ...entry, rule: '*', target: '*' }] }), 1)
    assert.lengthOf(validateBaseline({ accepted: [entry, entry] }), 1)
    assert.lengthOf(validateBaseline({ findings: [] }), 1)
  })
})

test.group('Security audit: reading the reports', () => {
  test('wapiti: levels become severities, anomalies count, fingerprints do not, ids are normalised', ({ assert }) => {
    const findings = parseWapiti(WAPITI_REPORT, { scan: 'staff' })
    const byRule = Object.fromEntries(findings.map((f) => [f.rule, f]))
    assert.sameMembers(Object.keys(byRule), ['SQL Injection', 'Content Security Policy Configuration', 'Internal Server Error'])
    assert.equal(byRule['SQL Injection'].severity, 'critical')
    assert.equal(byRule['SQL Injection'].target, 'GET /backoffice/customers q')
    assert.equal(byRule['Internal Server Error'].severity, 'high')
    assert.equal(byRule['Internal Server Error'].target, 'GET /backoffice/audit from')
    /* the same weakness on two accounts is one finding at /accounts/:id */
    assert.equal(byRule['Content Security Policy Configuration'].severity, 'low')
    assert.equal(byRule['Content Security Policy Configuration'].target, 'GET /api/v1/accounts/:id — CSP is not set')
    assert.equal(byRule['Content Security Policy Configuration'].count, 2)
  })

  test('sqlmap: an identified injection point is critical; 5xx answers to payloads are medium; a clean run has neither', ({ assert }) => {
    const vulnerable = parseSqlmap(SQLMAP_VULNERABLE, { target: 'GET /backoffice/customers' })
    assert.lengthOf(vulnerable, 1)
    assert.include(vulnerable[0], { tool: 'sqlmap', rule: 'sql-injection', severity: 'critical', target: 'GET /backoffice/customers #2* ((custom) GET)' })

    const clean = parseSqlmap(SQLMAP_CLEAN, { target: 'POST /api/v1/loan-applications' })
    assert.deepEqual(
      clean.map((f) => [f.rule, f.severity, f.target, f.count]),
      [['http-500', 'medium', 'POST /api/v1/loan-applications', 3]]
    )
    assert.deepEqual(parseSqlmap(SQLMAP_CLEAN.replace(', 500 (Internal Server Error) - 3 times', ''), { target: 'GET /api/v1/accounts/25' }), [])
  })

  test('sqlmap: a run that could not test its target is reported, a clean one is not', ({ assert }) => {
    assert.isNull(sqlmapRunProblem(SQLMAP_CLEAN))
    assert.isNull(sqlmapRunProblem(SQLMAP_VULNERABLE))
    assert.match(sqlmapRunProblem(SQLMAP_REFUSED)!, /unable to connect/)
    /* in its multiple-targets mode sqlmap says it as [ERROR] … skipping to the next target */
    const unauthorised = `[12:32:02] [ERROR] not authorized, try to provide right HTTP authentication type and valid credentials (401), skipping to the next target\n`
    assert.match(sqlmapRunProblem(unauthorised)!, /not authorized/)
    assert.isNull(sqlmapRunProblem(SQLMAP_CLEAN.replace('[CRITICAL] all tested', '[ERROR] all tested')))
  })

  test('spectral: errors are high, warnings medium; the place is the operation and the path inside it', ({ assert }) => {
    const findings = parseSpectral(SPECTRAL_RESULTS)
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.target]),
      [
        ['owasp:api4:2023-string-limit', 'high', 'request: POST /transfers requestBody.content.application/json.schema.properties.reference'],
        ['owasp:api4:2023-string-limit', 'high', 'response: GET /accounts responses.200.content.application/json.schema.properties.next'],
        ['owasp:api4:2023-string-restricted', 'medium', 'response: components.schemas.Id'],
        ['info-contact', 'medium', 'info'],
      ]
    )
  })

  test('spectral: a component a request refers to, through any chain of $refs, is on the request side', ({ assert }) => {
    const document = {
      paths: {
        '/transfers': {
          post: {
            parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/TransferRequest' } } } },
            responses: { 201: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Transfer' } } } } },
          },
        },
      },
      components: {
        parameters: { IdempotencyKey: { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } } },
        schemas: {
          TransferRequest: { type: 'object', properties: { amount: { $ref: '#/components/schemas/MoneyInput' } } },
          MoneyInput: { type: 'object', properties: { amount: { type: 'string' } } },
          Transfer: { type: 'object', properties: { amount: { $ref: '#/components/schemas/Money' } } },
          Money: { type: 'object', properties: { amount: { type: 'string' } } },
        },
      },
    }
    const at = (path: string[]) => parseSpectral([{ code: 'owasp:api4:2023-string-limit', message: 'm', path, severity: 0 }], document)[0].target
    assert.equal(at(['components', 'schemas', 'MoneyInput', 'properties', 'amount']), 'request: components.schemas.MoneyInput.properties.amount')
    assert.equal(at(['components', 'schemas', 'Money', 'properties', 'amount']), 'response: components.schemas.Money.properties.amount')
    assert.equal(at(['components', 'parameters', 'IdempotencyKey', 'schema']), 'request: components.parameters.IdempotencyKey.schema')
    assert.equal(at(['info']), 'info')
  })

  test('paths: ids, UUIDs and opaque tokens are normalised, the query is dropped', ({ assert }) => {
    assert.equal(normalisePath('/api/v1/loans/12/schedule?x=1'), '/api/v1/loans/:id/schedule')
    assert.equal(normalisePath('http://127.0.0.1:4371/consent/3f2b8c1e-0a4d-4e8b-9c1d-2b3a4c5d6e7f'), '/consent/:id')
    assert.equal(normalisePath('/backoffice/reset-password/AbCdEfGhIjKlMnOpQrStUvWxYz012345'), '/backoffice/reset-password/:id')
    assert.equal(normalisePath('/backoffice/loans/portfolio.csv'), '/backoffice/loans/portfolio.csv')
  })
})

test.group('Security audit: triage against the baseline', () => {
  const baseline = {
    accepted: [
      { tool: 'spectral', rule: 'owasp:api4:2023-string-limit', target: 'response: *', triage: 'not-applicable', reason: 'Limits on response strings protect no input.' },
      { tool: 'wapiti', rule: 'Content Security Policy Configuration', target: 'GET /api/v1/* — CSP is not set', triage: 'not-applicable', reason: 'The API answers JSON, which no browser renders.' },
      { tool: 'wapiti', rule: 'Clickjacking Protection', target: '*', triage: 'false-positive', reason: 'An entry that matches nothing in this run.' },
    ] as BaselineEntry[],
  }

  test('an accepted finding does not block; a new critical or high one does; a new medium one is listed but does not block', ({ assert }) => {
    const findings = [...parseWapiti(WAPITI_REPORT), ...parseSpectral(SPECTRAL_RESULTS), ...parseSqlmap(SQLMAP_CLEAN, { target: 'POST /api/v1/loan-applications' })]
    const result = triage(findings, baseline)
    const blocking = result.findings.filter((f) => f.blocking).map((f) => `${f.tool} ${f.rule} ${f.target}`)
    assert.sameMembers(blocking, [
      'wapiti SQL Injection GET /backoffice/customers q',
      'wapiti Internal Server Error GET /backoffice/audit from',
      /* a request-side string without a limit is not covered by the response-side entry */
      'spectral owasp:api4:2023-string-limit request: POST /transfers requestBody.content.application/json.schema.properties.reference',
    ])
    const accepted = result.findings.filter((f) => f.accepted).map((f) => f.target)
    assert.sameMembers(accepted, ['GET /api/v1/accounts/:id — CSP is not set', 'response: GET /accounts responses.200.content.application/json.schema.properties.next'])
    assert.isFalse(result.findings.find((f) => f.rule === 'http-500')!.blocking)
    assert.deepEqual(result.stale.map((e) => e.rule), ['Clickjacking Protection'])
  })

  test('the summary table counts places, accepted and new findings per rule, blocking ones marked', ({ assert }) => {
    const table = summaryTable(triage(parseSpectral(SPECTRAL_RESULTS), baseline).findings)
    assert.include(table, '| spectral | owasp:api4:2023-string-limit | high ✖ | 2 | 1 | 1 |')
    assert.include(table, '| spectral | info-contact | medium | 1 | 0 | 1 |')
    assert.include(summaryTable([]), 'no findings')
  })
})

test.group('Security audit: what is scanned', () => {
  const routes = flattenRoutes([
    {
      domain: 'root',
      routes: [
        { pattern: '/backoffice/customers', methods: ['GET', 'HEAD'] },
        { pattern: '/backoffice/accounts/:id', methods: ['GET', 'HEAD'] },
        { pattern: '/backoffice/logout', methods: ['POST'] },
        { pattern: '/backoffice/login', methods: ['GET', 'HEAD'] },
        { pattern: '/backoffice/customers', methods: ['POST'] },
        { pattern: '/api/v1/accounts', methods: ['GET', 'HEAD'] },
      ],
    },
  ])

  test('wapiti starts at every GET page of its area, ids filled in and list filters set, never at sign-in or sign-out', ({ assert }) => {
    const urls = startUrls(routes, { base: 'http://h', prefix: '/backoffice', ids: { id: '25' } })
    assert.deepEqual(urls, [
      'http://h/backoffice/accounts/25?from=2026-01-01&to=2026-12-31&direction=debit&page=1',
      'http://h/backoffice/customers?q=smith&kyc=verified&sort=number&direction=asc&page=1&perPage=25',
    ])
    assert.includeMembers(EXCLUDED, ['/backoffice/logout', '/api/v1/auth/tokens/current', '/backoffice/profile/sign-out-others'])
  })

  test('sqlmap attacks the API as a customer, the backoffice as staff, and the token endpoint with another customer', ({ assert }) => {
    const credentials = {
      customers: [
        { email: 'one@x.test', accounts: [{ id: 25 }] },
        { email: 'two@x.test', accounts: [{ id: 26 }] },
      ],
    }
    const targets = sqlmapTargets({ base: 'http://h', credentials })
    for (const target of targets) {
      assert.include(target.url + (target.data ?? ''), '*', `${target.name} marks its injection points`)
      if (target.url.includes('/api/v1/auth/tokens')) assert.equal(target.auth, 'none')
      else assert.equal(target.auth, target.url.includes('/backoffice/') ? 'staff' : 'customer', target.name)
    }
    assert.include(targets.find((t) => t.name === 'api-auth-tokens')!.data, 'two@x.test')
  })
})
