/**
 * `npm run bench -- --stress`: the load ramp of the benchmark (driven by
 * bench/run.mjs, which builds, seeds, starts the server and verifies
 * afterwards). Random pairs, inline risk rules on, connections 8 → 256
 * (BENCH_STRESS_STEPS), each step BENCH_STRESS_SECONDS; at each step the
 * throughput, p50/p99, refusals by class and code, the web process's peak
 * RSS and the load driver's own CPU. Then a short recovery step at 8
 * connections, which must book with no unexpected error: past the knee the
 * server has to shed load (503/429) and come back, never crash.
 */
import { log, sampleRss, step } from './lib.mjs'

/** Throughput that grows by no more than this from one step to the next has stopped growing */
export const KNEE_GROWTH = 0.05

/**
 * ctx: { runLoad(connections, seconds) → load.mjs's result, server() → the
 * running child process, alive() → whether it still answers, otherLoad() }
 */
export async function runStress(ctx, { steps, seconds, recoveryConnections = 8, recoverySeconds = 10 }) {
  const out = { steps: [], recovery: null, crashed: null }
  for (const connections of steps) {
    const result = await measured(ctx, `stress x${connections} for ${seconds}s`, connections, seconds)
    out.steps.push(result)
    if (!(await ctx.alive())) {
      out.crashed = `the server stopped answering during the ${connections}-connection step (exit ${ctx.server().exitCode ?? ctx.server().signalCode ?? 'none'})`
      log(`  ${out.crashed}`)
      break
    }
  }
  if (!out.crashed) {
    out.recovery = await measured(ctx, `stress recovery x${recoveryConnections} for ${recoverySeconds}s`, recoveryConnections, recoverySeconds)
    if (!(await ctx.alive())) out.crashed = 'the server stopped answering during the recovery step'
  }
  out.knee = findKnee(out.steps)
  return out
}

async function measured(ctx, title, connections, seconds) {
  const noise = await ctx.otherLoad()
  const rss = sampleRss(ctx.server().pid)
  let result
  try {
    result = await step(title, () => ctx.runLoad(connections, seconds))
  } finally {
    Object.assign(noise, rss.stop())
  }
  const summary = { ...result, ...errorSummary(result), rssMaxMb: noise.rssMaxMb, webProcesses: noise.processes, otherLoad: noise }
  delete summary.samples
  log(`  ${result.tps.toFixed(0)} transfers/s, p50 ${result.p50?.toFixed(1)} ms, p99 ${result.p99?.toFixed(1)} ms, ` +
    `refusals ${JSON.stringify(result.errorClasses)}, web RSS ${noise.rssMaxMb} MB, driver CPU ${(result.driver.cpu * 100).toFixed(0)} %`)
  for (const [code, body] of Object.entries(result.samples)) {
    if (code !== 'E_INSUFFICIENT_FUNDS') log(`  e.g. ${code}: ${body.slice(0, 300)}`)
  }
  return summary
}

/** Refusals by class (E_INSUFFICIENT_FUNDS, deliberate or a debtor run dry, is an answer, not a refusal) */
export function errorSummary(result) {
  const total = (klass) => Object.values(result.errorClasses?.[klass] ?? {}).reduce((a, b) => a + b, 0)
  return { e429: total('429'), e503: total('503'), e5xx: total('5xx'), e4xx: total('4xx'), eNetwork: total('network') }
}

/**
 * The knee: the step after which throughput stops growing. The first step
 * that no later step beats by more than KNEE_GROWTH (a single noisy dip
 * followed by more growth is not the knee), or, when errors come first,
 * the last step before the first step with unexpected errors.
 * { index, connections, reason }, or null when the ramp never got there
 * (still growing, no errors, at the last step).
 */
export function findKnee(steps) {
  if (steps.length === 0) return null
  const firstErrors = steps.findIndex((s) => s.unexpectedErrors > 0)
  if (firstErrors === 0) return { index: 0, connections: steps[0].connections, reason: 'errors from the first step' }
  const clean = firstErrors === -1 ? steps.length : firstErrors
  for (let k = 0; k < clean - 1; k++) {
    const best = Math.max(...steps.slice(k + 1, clean).map((s) => s.tps))
    if (best <= steps[k].tps * (1 + KNEE_GROWTH)) {
      const next = steps[k + 1]
      const growth = Math.round((next.tps / steps[k].tps - 1) * 100)
      return {
        index: k,
        connections: steps[k].connections,
        reason: `throughput ${growth === 0 ? '±0' : growth > 0 ? `+${growth}` : `−${-growth}`} % from ${steps[k].connections} to ${next.connections} connections, ` +
          `and no later step more than ${KNEE_GROWTH * 100} % above it`,
      }
    }
  }
  if (firstErrors > 0) {
    return { index: firstErrors - 1, connections: steps[firstErrors - 1].connections, reason: `errors from ${steps[firstErrors].connections} connections` }
  }
  return null
}
