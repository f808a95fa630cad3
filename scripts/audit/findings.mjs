/**
 * The security audit's findings (npm run audit:security): each scanner's
 * report turned into one list of findings, compared with the accepted ones
 * of docs/security-audit-baseline.json. Pure functions, no I/O: the unit
 * test (tests/unit/operations/security_audit.spec.ts) feeds them sample
 * reports of each tool.
 *
 * A finding: { tool, rule, severity, target, detail, count }
 * - severity: critical | high | medium | low | info
 * - target: where, normalised so the same weakness found again on another
 *   run (other ids, other demo data) has the same target: "GET
 *   /api/v1/accounts/:id/transactions cursor" (wapiti, sqlmap: method,
 *   path with ids replaced, parameter; for a header or cookie finding
 *   what wapiti says, "GET /api/v1/ — CSP is not set"), "POST /transfers
 *   requestBody.content.application/json.schema.properties.reference"
 *   (spectral: operation, then the JSON path inside it)
 * - key: tool|rule|target, what the baseline and the summary compare
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info']
export const TOOLS = ['wapiti', 'sqlmap', 'spectral']
export const TRIAGES = ['false-positive', 'accepted-risk', 'not-applicable']
/** Severities that fail the audit when a finding of them is not in the baseline */
export const BLOCKING = new Set(['critical', 'high'])

/** wapiti's levels (wapitiCore/language/vulnerability.py): "4" critical … "0" info */
const WAPITI_LEVELS = { 4: 'critical', 3: 'high', 2: 'medium', 1: 'low', 0: 'info' }
/** Spectral's DiagnosticSeverity: 0 error, 1 warn, 2 info, 3 hint */
const SPECTRAL_SEVERITIES = { 0: 'high', 1: 'medium', 2: 'low', 3: 'info' }
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

export const keyOf = (finding) => `${finding.tool}|${finding.rule}|${finding.target}`

/**
 * A URL path with its variable parts replaced, so runs compare: digits
 * (ids), UUIDs and long opaque tokens become ":id"; the query is dropped.
 */
export function normalisePath(pathOrUrl) {
  let path = String(pathOrUrl)
  try {
    path = new URL(path, 'http://x').pathname
  } catch {}
  return path
    .split('/')
    .map((segment) =>
      /^\d+$/.test(segment) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) || /^[A-Za-z0-9_-]{24,}$/.test(segment)
        ? ':id'
        : segment
    )
    .join('/')
}

/**
 * wapiti's JSON report (-f json): vulnerabilities and anomalies (a 500
 * answer, a timeout) by category, each with its level; "additionals"
 * (fingerprints) and "infos" (the scan itself) are not findings.
 */
export function parseWapiti(report, { scan = 'wapiti' } = {}) {
  const findings = []
  for (const section of ['vulnerabilities', 'anomalies']) {
    for (const [category, entries] of Object.entries(report?.[section] ?? {})) {
      for (const entry of entries ?? []) {
        const method = String(entry.method ?? 'GET').toUpperCase()
        /* an injection is told apart by its parameter; a header or cookie finding by what it says ("CSP is not set") */
        const what = entry.parameter ? ` ${entry.parameter}` : entry.info ? ` — ${String(entry.info).split('\n')[0].slice(0, 80)}` : ''
        findings.push({
          tool: 'wapiti',
          rule: category,
          severity: WAPITI_LEVELS[Number(entry.level)] ?? 'medium',
          target: `${method} ${normalisePath(entry.path ?? '/')}${what}`,
          detail: `${scan}: ${String(entry.info ?? '').split('\n')[0]}`.slice(0, 300),
          count: 1,
        })
      }
    }
  }
  return merge(findings)
}

/**
 * sqlmap's console output of one run (`--batch`): every injection point it
 * identified (critical: a confirmed SQL injection), and the 5xx answers its
 * payloads provoked (medium: malformed input should be a 4xx).
 * `target` is "METHOD /path" of the request the run attacked.
 */
export function parseSqlmap(output, { target }) {
  const text = String(output).replace(/\x1b\[[0-9;]*m/g, '')
  const findings = []
  const [method, path] = String(target).split(' ')
  const where = `${method} ${normalisePath(path ?? '/')}`
  const blocks = text.split(/identified the following injection point\(s\)[^\n]*\n/).slice(1)
  for (const block of blocks) {
    const body = block.split(/\n---\s*\n/)[0] ?? block
    let parameter = null
    for (const line of body.split('\n')) {
      const param = /^\s*Parameter:\s*(.+?)\s*$/.exec(line)
      if (param) parameter = param[1]
      const type = /^\s*Type:\s*(.+?)\s*$/.exec(line)
      if (type && parameter) {
        findings.push({ tool: 'sqlmap', rule: 'sql-injection', severity: 'critical', target: `${where} ${parameter}`, detail: type[1], count: 1 })
      }
    }
  }
  for (const match of text.matchAll(/HTTP error codes detected during run:\s*\n?([^\n]+)/g)) {
    for (const code of match[1].matchAll(/(5\d\d) \(([^)]*)\) - (\d+) times/g)) {
      findings.push({ tool: 'sqlmap', rule: `http-${code[1]}`, severity: 'medium', target: where, detail: `${code[3]} × ${code[1]} ${code[2]} on injected input`, count: Number(code[3]) })
    }
  }
  return merge(findings)
}

/**
 * Why a sqlmap run did not test its target (connection refused, 401, no
 * parameter …), or null: sqlmap says so in a [CRITICAL] line ([ERROR] in
 * its multiple-targets mode), except the one that is the clean outcome
 * ("all tested parameters do not appear to be injectable").
 */
export function sqlmapRunProblem(output) {
  const text = String(output).replace(/\x1b\[[0-9;]*m/g, '')
  const critical = /\[(?:CRITICAL|ERROR)\] (?!all tested parameters do not appear to be injectable)([^\n]+)/.exec(text)
  return critical ? critical[1].trim() : null
}

/**
 * Spectral's JSON output (-f json) over the OpenAPI document: one finding
 * per rule and place; the place is the operation ("GET /accounts/{id}")
 * and the JSON path inside it, or the document path outside operations.
 */
export function parseSpectral(results, document = null) {
  const requestSide = requestComponents(document)
  return merge(
    (results ?? []).map((result) => ({
      tool: 'spectral',
      rule: String(result.code),
      severity: SPECTRAL_SEVERITIES[result.severity] ?? 'medium',
      target: spectralTarget(result.path ?? [], requestSide),
      detail: String(result.message ?? '').slice(0, 300),
      count: 1,
    }))
  )
}

/**
 * "request: POST /transfers requestBody…", "response: GET /accounts
 * responses.200…", "request: components.schemas.MoneyInput…" or the
 * document path: which side of the API a schema describes decides whether
 * a missing limit matters (input is validated against limits; output is
 * produced by the server). A component is on the request side when a
 * parameter or request body refers to it (through any chain of $refs).
 */
function spectralTarget(path, requestSide) {
  const parts = path.map(String)
  if (parts[0] === 'paths' && parts.length >= 2) {
    const operation = parts.length >= 3 && HTTP_METHODS.has(parts[2])
    const where = operation ? `${parts[2].toUpperCase()} ${parts[1]}` : `* ${parts[1]}`
    const rest = parts.slice(operation ? 3 : 2)
    const side = rest[0] === 'responses' ? 'response: ' : rest[0] === 'parameters' || rest[0] === 'requestBody' ? 'request: ' : ''
    return `${side}${where} ${rest.join('.')}`.trim()
  }
  if (parts[0] === 'components' && parts.length >= 3) {
    const side = parts[1] === 'parameters' || parts[1] === 'requestBodies' || requestSide.has(`#/components/${parts[1]}/${parts[2]}`) ? 'request: ' : parts[1] === 'securitySchemes' ? '' : 'response: '
    return `${side}${parts.join('.')}`
  }
  return parts.join('.') || '(document)'
}

/** The "#/components/…" entries a parameter or request body refers to, directly or through other components */
export function requestComponents(document) {
  const found = new Set()
  if (!document) return found
  const pending = []
  const refsIn = (node) => {
    if (Array.isArray(node)) return node.forEach(refsIn)
    if (!node || typeof node !== 'object') return
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/') && !found.has(node.$ref)) {
      found.add(node.$ref)
      pending.push(node.$ref)
    }
    for (const value of Object.values(node)) refsIn(value)
  }
  for (const item of Object.values(document.paths ?? {})) {
    refsIn(item?.parameters)
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (!HTTP_METHODS.has(method)) continue
      refsIn(operation?.parameters)
      refsIn(operation?.requestBody)
    }
  }
  while (pending.length) {
    const [, , kind, name] = pending.pop().split('/')
    refsIn(document.components?.[kind]?.[decodeURIComponent(name)])
  }
  return found
}

/** Same key found several times (wapiti per payload, spectral per response): one finding with a count */
function merge(findings) {
  const byKey = new Map()
  for (const finding of findings) {
    const key = keyOf(finding)
    const seen = byKey.get(key)
    if (seen) {
      seen.count += finding.count
      if (SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(seen.severity)) seen.severity = finding.severity
    } else {
      byKey.set(key, { ...finding, key })
    }
  }
  return [...byKey.values()]
}

/**
 * Problems of the baseline file (empty when valid): { accepted: [{ tool,
 * rule, target, triage, reason }] }; rule and target may use "*" (any
 * characters). Every entry must say why it is accepted.
 */
export function validateBaseline(baseline) {
  const problems = []
  if (!baseline || typeof baseline !== 'object' || !Array.isArray(baseline.accepted)) {
    return ['the baseline must be an object with an "accepted" array']
  }
  const seen = new Set()
  baseline.accepted.forEach((entry, index) => {
    const at = `accepted[${index}]`
    if (!TOOLS.includes(entry?.tool)) problems.push(`${at}: tool must be one of ${TOOLS.join(', ')}`)
    for (const field of ['rule', 'target']) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '') problems.push(`${at}: ${field} is required`)
    }
    if (!TRIAGES.includes(entry?.triage)) problems.push(`${at}: triage must be one of ${TRIAGES.join(', ')}`)
    if (typeof entry?.reason !== 'string' || entry.reason.trim().length < 20) problems.push(`${at}: a reason (a sentence) is required`)
    if (entry?.target === '*' && entry?.rule === '*') problems.push(`${at}: accepting every finding of a tool is not a triage`)
    const key = `${entry?.tool}|${entry?.rule}|${entry?.target}`
    if (seen.has(key)) problems.push(`${at}: duplicate of an earlier entry (${key})`)
    seen.add(key)
  })
  return problems
}

const globToRegExp = (glob) => new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)

/**
 * Each finding with `accepted` (the baseline entry that covers it, or
 * null) and `blocking` (critical/high and not accepted); plus the baseline
 * entries no finding matched (stale: the weakness is gone or moved).
 */
export function triage(findings, baseline) {
  const entries = (baseline?.accepted ?? []).map((entry) => ({ entry, rule: globToRegExp(entry.rule), target: globToRegExp(entry.target) }))
  const used = new Set()
  const triaged = findings.map((finding) => {
    const match = entries.find((e) => e.entry.tool === finding.tool && e.rule.test(finding.rule) && e.target.test(finding.target))
    if (match) used.add(match.entry)
    const accepted = match?.entry ?? null
    return { ...finding, accepted, blocking: !accepted && BLOCKING.has(finding.severity) }
  })
  const stale = entries.map((e) => e.entry).filter((entry) => !used.has(entry))
  return { findings: triaged, stale }
}

/**
 * The summary table (markdown): one line per tool, rule and severity with
 * the number of places, how many are accepted, how many are new.
 */
export function summaryTable(triaged) {
  const rows = new Map()
  for (const finding of triaged) {
    const key = `${finding.tool}|${finding.rule}|${finding.severity}`
    const row = rows.get(key) ?? { tool: finding.tool, rule: finding.rule, severity: finding.severity, places: 0, accepted: 0, fresh: 0, blocking: false }
    row.places += 1
    if (finding.accepted) row.accepted += 1
    else row.fresh += 1
    row.blocking ||= finding.blocking
    rows.set(key, row)
  }
  const sorted = [...rows.values()].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.tool.localeCompare(b.tool) || a.rule.localeCompare(b.rule)
  )
  const lines = ['| tool | rule | severity | places | accepted | new |', '|---|---|---|---:|---:|---:|']
  for (const row of sorted) {
    lines.push(`| ${row.tool} | ${row.rule} | ${row.severity}${row.blocking ? ' ✖' : ''} | ${row.places} | ${row.accepted} | ${row.fresh} |`)
  }
  if (sorted.length === 0) lines.push('| – | no findings | – | 0 | 0 | 0 |')
  return lines.join('\n')
}
