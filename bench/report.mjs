/** The benchmark table (markdown), from tmp/bench-results.json's shape */
const f0 = (n) => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-GB'))
const f1 = (n) => (n === null || n === undefined ? '–' : n.toFixed(1))

export function markdownTable(results) {
  const rows = [
    '| Scenario | Conns | Risk rules | API transfers/s | API p50 / p99 (ms) | API errors | Floor tps | Floor p50 / p99 (ms) | API / floor |',
    '|---|---:|---|---:|---:|---|---:|---:|---:|',
  ]
  const keys = new Set(results.api.map((r) => `${r.scenario}:${r.connections}:${r.risk ?? 'on'}`))
  for (const key of keys) {
    const [scenario, connections, risk] = key.split(':')
    const api = results.api.find((r) => `${r.scenario}:${r.connections}:${r.risk ?? 'on'}` === key)
    const floor = results.floor.find((r) => `${r.scenario}:${r.connections}` === `${scenario}:${connections}`)
    const errors = api
      ? `${api.unexpectedErrors} unexpected; ${api.deliberateRejected}/${api.deliberateTooLarge} deliberate 422 E_INSUFFICIENT_FUNDS` +
        (api.otherInsufficient ? `; ${api.otherInsufficient} debtors ran dry` : '')
      : '–'
    const ratio = api && floor?.tps ? `${((api.tps / floor.tps) * 100).toFixed(0)} %` : '–'
    rows.push(
      `| ${scenario === 'hot' ? 'hot account' : 'random pairs'} | ${connections} | ${risk} | ${api ? f0(api.tps) : '–'} | ${api ? `${f1(api.p50)} / ${f1(api.p99)}` : '–'} | ${errors} | ${floor ? f0(floor.tps) : '–'} | ${floor ? `${f1(floor.p50)} / ${f1(floor.p99)}` : '–'} | ${ratio} |`
    )
  }
  const m = results.machine
  const notes = [
    '',
    `Machine: ${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, PostgreSQL ${results.postgres ?? '?'}; ` +
      `${results.api[0]?.seconds ? Math.round(results.api[0].seconds) : '?'} s per run; ledger:verify afterwards: ` +
      `${results.ledgerVerify ? (results.ledgerVerify.ok ? 'clean' : 'FAILED') : 'not run'}.`,
    '',
    'What the API runs measure: the ordinary payment path. Every transfer is 0.01–1.00 GBP, within the low-value ' +
      'exemption (SCA_LOW_VALUE_EXEMPTION, 30.00), so none needs dynamic linking (a payment authorisation and a fresh code); ' +
      'each one still passes the per-customer limit check (single payment and daily total) inside the posting. ' +
      'A limit or SCA refusal would show as an unexpected error.',
  ]
  const cost = riskCost(results)
  if (cost.length) notes.push('', `Inline risk rules on ÷ off, same scenario, back to back: ${cost.join('; ')}.`)
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

/** "random x8 0.97", … : API tps with the inline rules on divided by off */
function riskCost(results) {
  const out = []
  for (const on of results.api.filter((r) => r.risk === 'on')) {
    const off = results.api.find((r) => r.risk === 'off' && r.scenario === on.scenario && r.connections === on.connections)
    if (off?.tps) out.push(`${on.scenario} ×${on.connections} ${(on.tps / off.tps).toFixed(2)}`)
  }
  return out
}
