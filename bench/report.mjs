/**
 * The benchmark tables (markdown): markdownTable from
 * tmp/bench-results.json's shape, stressTable from tmp/bench-stress.json's.
 */
const f0 = (n) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-GB'))
const f1 = (n) => (n === null || n === undefined ? '–' : n.toFixed(1))

const f2 = (n) => (n === null || n === undefined ? '–' : n.toFixed(2))
const pct = (a, b) => (a && b ? `${((a / b) * 100).toFixed(0)} %` : '–')
const sameRun = (r, scenario, connections) => r.scenario === scenario && String(r.connections) === String(connections)

export function markdownTable(results) {
  const functionFloor = results.functionFloor ?? []
  const rows = [
    '| Scenario | Conns | Risk rules | Batching | API transfers/s | API p50 / p99 (ms) | API errors | Web RSS max (MB) ' +
      '| Function floor /s | Function p50 / p99 (ms) | Batched function floor postings/s | Batched p50 / p99 (ms, per call) ' +
      '| SQL floor tps | SQL floor p50 / p99 (ms) | API / function floor | API / SQL floor |',
    '|---|---:|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  const keyOf = (r) => `${r.scenario}:${r.connections}:${r.risk ?? 'on'}:${r.batch ?? '–'}`
  for (const key of new Set(results.api.map(keyOf))) {
    const [scenario, connections, risk, batch] = key.split(':')
    const api = results.api.find((r) => keyOf(r) === key)
    const floor = results.floor.find((r) => sameRun(r, scenario, connections))
    const fn = functionFloor.find((r) => !r.batched && sameRun(r, scenario, connections))
    const batched = functionFloor.find((r) => r.batched && sameRun(r, scenario, connections))
    const errors = api
      ? `${api.unexpectedErrors} unexpected${refusals(api)}; ${api.deliberateRejected}/${api.deliberateTooLarge} deliberate 422 E_INSUFFICIENT_FUNDS` +
        (api.otherInsufficient ? `; ${api.otherInsufficient} debtors ran dry` : '')
      : '–'
    const fnTps = fn ? fn.postingsPerSecond ?? fn.tps : null
    rows.push(
      `| ${scenario === 'hot' ? 'hot account' : 'random pairs'} | ${connections} | ${risk} | ${batch} | ${api ? f0(api.tps) : '–'} ` +
        `| ${api ? `${f1(api.p50)} / ${f1(api.p99)}` : '–'} | ${errors} | ${api ? f0(api.rssMaxMb) : '–'} ` +
        `| ${fn ? f0(fnTps) + (fn.aborted ? ' (aborted)' : '') : '–'} | ${fn ? `${f1(fn.p50)} / ${f1(fn.p99)}` : '–'} ` +
        `| ${batched ? f0(batched.postingsPerSecond) + (batched.aborted ? ' (aborted)' : '') : '–'} | ${batched ? `${f1(batched.p50)} / ${f1(batched.p99)}` : '–'} ` +
        `| ${floor ? f0(floor.tps) : '–'} | ${floor ? `${f1(floor.p50)} / ${f1(floor.p99)}` : '–'} ` +
        `| ${api ? pct(api.tps, fnTps) : '–'} | ${api ? pct(api.tps, floor?.tps) : '–'} |`
    )
  }
  const m = results.machine
  const notes = [
    '',
    `Machine: ${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, PostgreSQL ${results.postgres ?? '?'}; ` +
      `${results.api[0]?.seconds ? Math.round(results.api[0].seconds) : '?'} s per run; ledger:verify afterwards: ` +
      `${results.ledgerVerify ? (results.ledgerVerify.ok ? 'clean' : 'FAILED') : 'not run'}` +
      (results.ledgerVerify?.afterFunctionFloor ? ' (after the function floor\'s postings too)' : '') + '.',
    '',
    'Web RSS max: the peak VmRSS of the web server during the run (sampled every 250 ms; with WEB_CONCURRENCY > 1 the primary and its workers summed).',
    '',
    'What the API runs measure: the ordinary payment path. Every transfer is 0.01–1.00 GBP, within the low-value ' +
      'exemption (SCA_LOW_VALUE_EXEMPTION, 30.00), so none needs dynamic linking (a payment authorisation and a fresh code); ' +
      'each one still passes the per-customer limit check (single payment and daily total) inside the posting. ' +
      'A limit or SCA refusal would show as an unexpected error.',
  ]
  if (results.functionInfo) notes.push('', functionNote(results))
  const gap = gapNote(results)
  if (gap) notes.push('', gap)
  if (results.limits) notes.push('', limitsNote(results.limits))
  const cost = riskCost(results)
  if (cost.length) notes.push('', `Inline risk rules on ÷ off, same scenario, back to back: ${cost.join('; ')}.`)
  const gain = batchGain(results)
  if (gain.length) notes.push('', `Batching (LEDGER_BATCHING) on ÷ off, same scenario, back to back: ${gain.join('; ')}.`)
  if (results.jobsQueued !== undefined) {
    notes.push('', `Outbox: ${f0(results.jobsQueued)} 'ledger.posted' jobs were enqueued in the transfers' own transactions (no worker ran).`)
  }
  const noisy = [...results.api, ...results.floor].filter((r) => r.otherLoad?.oldestOtherTransactionSeconds > 5)
  if (noisy.length) {
    notes.push('', `Note: ${noisy.length} run(s) had a transaction open in another database for > 5 s (up to ${Math.max(...noisy.map((r) => r.otherLoad.oldestOtherTransactionSeconds))} s): hot-account figures are then pessimistic (dead row versions cannot be pruned).`)
  }
  if (results.errors.length) notes.push('', `Errors: ${results.errors.join('; ')}`)
  return [...rows, ...notes].join('\n')
}

/** What the function floor runs (and the batched one) */
function functionNote(results) {
  const info = results.functionInfo
  const seconds = results.functionFloor?.[0]?.seconds
  const parts = [
    `Function floor: ledger_post_transfer() called by pgbench (-M prepared, no Node) as the runtime role ${info.role}, ` +
      `${seconds ?? '?'} s per run, on the seeded bank: ${f0(info.debtors)} debtors (current accounts of the API's token customers, KYC verified, ≥ 200.00 available), ` +
      `${f0(info.creditors)} creditors, the API's hot account; each call with a unique idempotency key, the sha256 request hash, ` +
      `the audit envelope and the payment guard of the API's ordinary payment` +
      (info.outbox
        ? ", and its 'ledger.posted' job inserted in the same statement with pg-boss's own INSERT (as the API does)."
        : `; WITHOUT the outbox job (${info.outboxError ?? 'not reproduced'}), so it flatters the database side.`),
    'Not in it: the inline risk rules\' risk_facts() round trip (the API runs with them on pay it) and everything Node does. ' +
      '"Function floor /s" counts the postings the ledger booked during the run.',
  ]
  if (info.batched) {
    parts.push(`Batched function floor: the shape the posting batcher gives the API at that many connections, ${info.batchClients} pgbench clients (LEDGER_BATCH_CONCURRENCY) each calling ledger_post_transfers() with connections ÷ ${info.batchClients} random postings and their ${info.outbox ? 'jobs in the same statement' : 'no jobs'}; postings/s booked, latency per call.`)
  } else {
    parts.push('Batched function floor: not run (the database has no ledger_post_transfers(jsonb)).')
  }
  return parts.join(' ')
}

/** Where the API's distance to the SQL floor goes: the function (database) and the rest (Node, HTTP, risk rules) */
function gapNote(results) {
  const out = []
  for (const api of results.api) {
    const fn = (results.functionFloor ?? []).find((r) => !r.batched && sameRun(r, api.scenario, api.connections))
    const floor = results.floor.find((r) => sameRun(r, api.scenario, api.connections))
    if (!fn?.postingsPerSecond || !floor?.tps || !api.tps) continue
    out.push(`${api.scenario} ×${api.connections} (rules ${api.risk ?? 'on'}, batching ${api.batch ?? '–'}): ` +
      `function ÷ SQL floor ${f2(fn.postingsPerSecond / floor.tps)}, API ÷ function ${f2(api.tps / fn.postingsPerSecond)}`)
  }
  return out.length
    ? `Where the gap is (function ÷ SQL floor = what the project's posting function costs in the database against the bare transfer; ` +
        `API ÷ function floor = what Node, HTTP and the risk rules leave of the function's throughput): ${out.join('; ')}.`
    : null
}

/** The server's limits that decide how it fails under overload */
function limitsNote(limits) {
  return `Server limits: WEB_CONCURRENCY=${limits.webConcurrency}; per process, overload protection answers 503 E_OVERLOADED at once ` +
    `past HTTP_MAX_IN_FLIGHT=${limits.httpMaxInFlight ?? 'default'} requests in flight or an event-loop stall over ` +
    `HTTP_MAX_EVENT_LOOP_DELAY_MS=${limits.httpMaxEventLoopDelayMs ?? 'default'}; DB_POOL_MAX=${limits.dbPoolMax} per process ` +
    `(a request waits for a pooled connection up to DB_ACQUIRE_TIMEOUT_MS=${limits.dbAcquireTimeoutMs}, then answers 503 E_DATABASE_UNAVAILABLE), ` +
    `QUEUE_POOL_MAX=${limits.queuePoolMax}, LEDGER_BATCH_MAX=${limits.ledgerBatchMax ?? 'default'}, ` +
    `PostgreSQL max_connections=${limits.postgresMaxConnections ?? '?'}, API_RATE_LIMIT_PER_MINUTE raised to ${limits.apiRateLimit} (one IP drives every token).`
}

/** The stress ramp as a markdown table, then the knee, the recovery and the checks */
export function stressTable(results) {
  const stress = results.stress ?? { steps: [] }
  const rows = [
    '| Step | Conns | Transfers/s | Growth | p50 / p99 (ms) | 429 | 503 | Other 5xx | Network | Other unexpected | Web RSS max (MB) | Driver CPU |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  const line = (label, s, growth) => {
    const other = s.unexpectedErrors - s.e429 - s.e503 - s.e5xx - s.eNetwork
    return `| ${label} | ${s.connections} | ${f0(s.tps)} | ${growth} | ${f1(s.p50)} / ${f1(s.p99)} | ${codes(s, '429')} | ${codes(s, '503')} ` +
      `| ${codes(s, '5xx')} | ${codes(s, 'network')} | ${other} | ${f0(s.rssMaxMb)} | ${s.driver ? `${(s.driver.cpu * 100).toFixed(0)} %` : '–'} |`
  }
  stress.steps.forEach((s, i) => {
    const prev = stress.steps[i - 1]
    const growth = prev?.tps ? signedPct(s.tps / prev.tps - 1) : '–'
    rows.push(line(stress.knee?.index === i ? `**${i + 1} (knee)**` : String(i + 1), s, growth))
  })
  if (stress.recovery) rows.push(line('recovery', stress.recovery, '–'))
  const m = results.machine
  const notes = [
    '',
    `Random pairs, inline risk rules on, batching ${results.batch ?? '?'}, WEB_CONCURRENCY=${results.limits?.webConcurrency ?? '?'}; ` +
      `${stress.steps[0]?.seconds ? Math.round(stress.steps[0].seconds) : '?'} s per step. ` +
      `Machine: ${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, PostgreSQL ${results.postgres ?? '?'}.`,
    '',
    stress.knee
      ? `Knee: ${stress.knee.connections} connections (${stress.knee.reason}). The knee is the first step that no later step beats by more than ${KNEE_PCT} %, or the last one before unexpected errors.`
      : `Knee: not reached (throughput still grew by more than ${KNEE_PCT} % at the last step, with no unexpected error).`,
    stress.recovery
      ? `Recovery (${stress.recovery.connections} connections after the ramp): ${f0(stress.recovery.tps)} transfers/s, ` +
        `${stress.recovery.unexpectedErrors} unexpected errors${stress.recovery.unexpectedErrors === 0 && stress.recovery.transfers > 0 ? ' (recovered)' : ' (NOT recovered)'}.`
      : 'Recovery: not run.',
    (stress.crashed ? `The server CRASHED: ${stress.crashed}.` : 'The server never stopped answering.') +
      (results.serverStop ? ` Stopped afterwards with SIGTERM: exit ${results.serverStop.code ?? results.serverStop.signal}.` : ''),
    `Afterwards: ledger:verify ${check(results.ledgerVerify)}, audit:verify ${check(results.auditVerify)}.`,
    'Refusal columns: count (problem codes). E_INSUFFICIENT_FUNDS (2 % deliberately too large, or a debtor run dry) is an answer, not an error. ' +
      'Driver CPU: the load process\'s own CPU (100 % = one core busy): near 100 %, the driver was the limit. ' +
      (results.retryAfter === false
        ? 'Refused connections sent their next request at once (BENCH_RETRY_AFTER=off).'
        : 'A connection refused with 429/503 waited for its Retry-After (at most 1 s) before its next request.'),
  ]
  if (results.limits) notes.push('', limitsNote(results.limits))
  if (results.errors?.length) notes.push('', `Errors: ${results.errors.join('; ')}`)
  return [...rows, ...notes].join('\n')
}

const KNEE_PCT = 5
/** "+12 %", "−3 %", "±0 %" */
const signedPct = (x) => {
  const n = Math.round(x * 100)
  return n === 0 ? '±0 %' : n > 0 ? `+${n} %` : `−${-n} %`
}
const check = (r) => (r ? (r.ok ? 'clean' : `FAILED (${r.summary ?? '?'})`) : 'not run')

/** ", 3 × 503, 2 network" : the refusals of an API run beyond E_INSUFFICIENT_FUNDS */
function refusals(r) {
  const out = []
  for (const [klass, byCode] of Object.entries(r.errorClasses ?? {})) {
    const n = Object.values(byCode).reduce((a, b) => a + b, 0)
    out.push(`${n} × ${klass === 'network' ? 'network' : klass} (${Object.keys(byCode).join(', ')})`)
  }
  return out.length ? ` (${out.join(', ')})` : ''
}

/** "12 (E_DATABASE_UNAVAILABLE)" : one class of refusals of a stress step */
function codes(s, klass) {
  const byCode = s.errorClasses?.[klass] ?? {}
  const n = Object.values(byCode).reduce((a, b) => a + b, 0)
  return n ? `${n} (${Object.entries(byCode).map(([code, c]) => `${code} ${c}`).join(', ')})` : '0'
}

/** "random x8 0.97", … : API tps with the inline rules on divided by off (same batching) */
function riskCost(results) {
  const out = []
  for (const on of results.api.filter((r) => r.risk === 'on')) {
    const off = results.api.find((r) => r.risk === 'off' && r.batch === on.batch && r.scenario === on.scenario && r.connections === on.connections)
    if (off?.tps) out.push(`${on.scenario} ×${on.connections}${on.batch ? ` (batching ${on.batch})` : ''} ${(on.tps / off.tps).toFixed(2)}`)
  }
  return out
}

/** "random x8 1.40", … : API tps with batching on divided by off (same risk mode) */
function batchGain(results) {
  const out = []
  for (const on of results.api.filter((r) => r.batch === 'on')) {
    const off = results.api.find((r) => r.batch === 'off' && r.risk === on.risk && r.scenario === on.scenario && r.connections === on.connections)
    if (off?.tps) out.push(`${on.scenario} ×${on.connections} (rules ${on.risk}) ${(on.tps / off.tps).toFixed(2)}`)
  }
  return out
}
