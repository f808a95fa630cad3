import { test } from '@japa/runner'
import { findKnee, errorSummary } from '../../../bench/stress.mjs'
import { niceScale, refusalLabel, stressSvg } from '../../../bench/svg.mjs'
import { stressTable } from '../../../bench/report.mjs'
import { batchedFunctionScript, functionScript, BATCH_SIZE } from '../../../bench/function_floor.mjs'

/**
 * The benchmark's stress report (npm run bench -- --stress) without a
 * server: where the knee is, how refusals are summed, what the curve and
 * the table say, and the function floor's pgbench scripts.
 */
const step = (connections: number, tps: number, extra: Record<string, unknown> = {}) => ({
  connections,
  tps,
  p50: 10,
  p99: 40,
  unexpectedErrors: 0,
  transfers: tps * 5,
  e429: 0,
  e503: 0,
  e5xx: 0,
  e4xx: 0,
  eNetwork: 0,
  errorClasses: {},
  ...extra,
})

test.group('Bench stress | the knee', () => {
  test('is the first step that no later step beats by more than 5 %', ({ assert }) => {
    const knee = findKnee([step(8, 100), step(16, 200), step(32, 300), step(64, 312), step(128, 280)])
    assert.deepEqual({ index: knee!.index, connections: knee!.connections }, { index: 2, connections: 32 })
    assert.include(knee!.reason, '+4 % from 32 to 64 connections')
  })

  test('is not a dip that more growth follows', ({ assert }) => {
    const knee = findKnee([step(8, 230), step(16, 244), step(32, 226), step(64, 332), step(128, 578), step(256, 567)])
    assert.equal(knee!.connections, 128)
  })

  test('is the last step before errors appear, even while throughput still grows', ({ assert }) => {
    const knee = findKnee([step(8, 100), step(16, 200), step(32, 400, { unexpectedErrors: 3 })])
    assert.equal(knee!.connections, 16)
    assert.include(knee!.reason, 'errors from 32')
  })

  test('is the first step when it already has errors, and none while the ramp still grows cleanly', ({ assert }) => {
    assert.equal(findKnee([step(8, 100, { unexpectedErrors: 1 }), step(16, 300)])!.index, 0)
    assert.isNull(findKnee([step(8, 100), step(16, 200), step(32, 400)]))
    assert.isNull(findKnee([]))
  })
})

test.group('Bench stress | refusals, curve and table', () => {
  test('refusals are summed by class and labelled for the curve', ({ assert }) => {
    const summary = errorSummary({ errorClasses: { '503': { E_OVERLOADED: 7, E_DATABASE_UNAVAILABLE: 2 }, 'network': { ECONNRESET: 1 } } })
    assert.deepEqual(summary, { e429: 0, e503: 9, e5xx: 0, e4xx: 0, eNetwork: 1 })
    assert.equal(refusalLabel({ e503: 1200, eNetwork: 3 }), '503×1,200 net×3')
    assert.equal(refusalLabel({}), '')
  })

  test('axis scales are round and above the maximum', ({ assert }) => {
    assert.deepEqual(niceScale(480), { max: 500, step: 100 })
    assert.deepEqual(niceScale(570), { max: 600, step: 200 })
    assert.deepEqual(niceScale(1100), { max: 1250, step: 250 })
    assert.isAbove(niceScale(0).max, 0)
  })

  test('the SVG marks the knee, writes each step refusals and the recovery step, and escapes text', ({ assert }) => {
    const steps = [step(8, 400), step(16, 500), step(32, 505), step(64, 480, { e503: 12, unexpectedErrors: 12 })]
    const svg = stressSvg({ steps, recovery: step(8, 390), knee: findKnee(steps) }, { subtitle: 'a <b> & c' })
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    assert.match(svg, /<\/svg>\n$/)
    assert.include(svg, 'knee: 16 connections')
    assert.include(svg, '503×12')
    assert.include(svg, '8 (recovery)')
    assert.include(svg, 'a &lt;b&gt; &amp; c')
    assert.notInclude(svg, 'NaN')
  })

  test('the table marks the knee and says whether the server recovered', ({ assert }) => {
    const steps = [step(8, 400), step(16, 500), step(32, 505, { e503: 4, unexpectedErrors: 4, errorClasses: { '503': { E_OVERLOADED: 4 } } })]
    const base = {
      machine: { cpus: 2, cpu: 'cpu', memoryGb: 4, node: 'v24' },
      errors: [],
      ledgerVerify: { ok: true },
      auditVerify: { ok: true },
    }
    const recovered = stressTable({ ...base, stress: { steps, recovery: step(8, 390), knee: findKnee(steps) } })
    assert.include(recovered, '| **2 (knee)** | 16 |')
    assert.include(recovered, '4 (E_OVERLOADED 4)')
    assert.include(recovered, '(recovered)')
    assert.include(recovered, 'ledger:verify clean, audit:verify clean')

    const failed = stressTable({
      ...base,
      auditVerify: { ok: false, summary: 'break at 12' },
      stress: { steps, recovery: step(8, 0, { unexpectedErrors: 9 }), knee: null, crashed: 'exit 1' },
    })
    assert.include(failed, '(NOT recovered)')
    assert.include(failed, 'The server CRASHED')
    assert.include(failed, 'audit:verify FAILED (break at 12)')
  })
})

test.group('Bench function floor | pgbench scripts', () => {
  const prepared = {
    debtors: 298,
    creditors: 10_000,
    batched: true,
    outbox: { text: 'INSERT INTO pgboss.job (id) SELECT id FROM json_to_recordset($1::text::json) AS x (id uuid) RETURNING id' },
  }
  /* pgbench substitutes every ":name": only the script's own variables may appear */
  const variables = (script: string) =>
    new Set([...script.replace(/::/g, ' ').matchAll(/:(\w+)/g)].map((m) => m[1]))

  test('one ledger_post_transfer() per call with its job, a fresh key, and only its own variables', ({ assert }) => {
    const script = functionScript('random', prepared)
    assert.include(script, 'select ledger_post_transfer(')
    assert.include(script, 'json_to_recordset((select jsonb_agg(')
    assert.notInclude(script, '$1')
    assert.include(script, 'gen_random_uuid()::text as key')
    assert.deepEqual([...variables(script)].sort(), ['amount', 'c', 'd'])
    assert.include(script, '\\set d random(1, 298)')
    assert.include(functionScript('hot', prepared), '(select hot_account from bench_fn_config)')
    assert.notInclude(functionScript('random', { ...prepared, outbox: null }), 'outbox')
  })

  test('a batch is one ledger_post_transfers() of BATCH_SIZE postings with amounts as strings', ({ assert }) => {
    const script = batchedFunctionScript('random', prepared)
    assert.equal(BATCH_SIZE, 16)
    assert.include(script, `generate_series(1, ${BATCH_SIZE})`)
    assert.include(script, 'select ledger_post_transfers(')
    assert.include(script, `'amount', p.amount::text`)
    for (const field of ['scope', 'key', 'request_hash', 'debtor', 'creditor_id', 'creditor_number', 'currency', 'reference', 'owner_customer', 'audit', 'payment']) {
      assert.include(script, `'${field}', `)
    }
    assert.equal(variables(script).size, 0)
  })
})
