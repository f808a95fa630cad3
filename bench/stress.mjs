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
 * The knee: the last step before the first one that either grows the
 * throughput by no more than KNEE_GROWTH over the step before it, or has
 * unexpected errors. { index, connections, reason } or null when the ramp
 * never got there (throughput still growing, no errors, at the last step).
 */
export function findKnee(steps) {
  if (steps[0]?.unexpectedErrors > 0) return { index: 0, connections: steps[0].connections, reason: 'errors from the first step' }
  for (let i = 1; i < steps.length; i++) {
    const growth = steps[i - 1].tps > 0 ? steps[i].tps / steps[i - 1].tps - 1 : 0
    const reason = steps[i].unexpectedErrors > 0
      ? `errors from ${steps[i].connections} connections`
      : growth <= KNEE_GROWTH
        ? `throughput ${Math.round(growth * 100) === 0 ? '±0' : Math.round(growth * 100) > 0 ? `+${Math.round(growth * 100)}` : `−${-Math.round(growth * 100)}`} % from ${steps[i - 1].connections} to ${steps[i].connections} connections`
        : null
    if (reason) return { index: i - 1, connections: steps[i - 1].connections, reason }
  }
  return null
}
