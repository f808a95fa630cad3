/**
 * The stress curve as a hand-written SVG (no library): throughput against
 * connections on the left axis, p99 latency on the right axis, the knee
 * marked, the refusals of each step written above it, the recovery step
 * apart on the right. Input: tmp/bench-stress.json's `stress` part.
 */
const W = 760
const H = 440
const M = { left: 70, right: 70, top: 62, bottom: 96 }
const PW = W - M.left - M.right
const PH = H - M.top - M.bottom
const BLUE = '#1f5fbf'
const ORANGE = '#d9731a'
const RED = '#b3261e'
const GREY = '#6b7280'

const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const f0 = (n) => Math.round(n).toLocaleString('en-GB')

/** A "nice" axis maximum and step (1, 2, 2.5 or 5 × 10^k) for about `ticks` ticks */
export function niceScale(max, ticks = 5) {
  if (!(max > 0)) return { max: 1, step: 0.2 }
  const rough = max / ticks
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)
  return { max: Math.ceil(max / step) * step, step }
}

/** One step's refusals as a short label: "503×12 net×3", or '' */
export function refusalLabel(s) {
  const parts = [
    ['429', s.e429],
    ['503', s.e503],
    ['5xx', s.e5xx],
    ['4xx', s.e4xx],
    ['net', s.eNetwork],
  ].filter(([, n]) => n > 0)
  return parts.map(([k, n]) => `${k}×${f0(n)}`).join(' ')
}

export function stressSvg(stress, { title = 'Stress: random pairs, inline risk rules on', subtitle = '' } = {}) {
  const steps = stress.steps
  const columns = steps.length + (stress.recovery ? 1 : 0)
  /* Connections double from step to step: evenly spaced columns (a log2 axis), the recovery step last */
  const x = (i) => M.left + ((i + 0.5) / columns) * PW
  const all = [...steps, ...(stress.recovery ? [stress.recovery] : [])]
  /* headroom above the highest point for the value labels and the knee label */
  const tpsScale = niceScale(1.2 * Math.max(...all.map((s) => s.tps ?? 0)))
  const p99Scale = niceScale(1.1 * Math.max(...all.map((s) => s.p99 ?? 0)))
  const yT = (v) => M.top + PH - (v / tpsScale.max) * PH
  const yL = (v) => M.top + PH - (v / p99Scale.max) * PH
  const out = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`)
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`)
  out.push(`<text x="${M.left}" y="22" font-size="15" font-weight="600" fill="#111827">${esc(title)}</text>`)
  if (subtitle) out.push(`<text x="${M.left}" y="40" fill="${GREY}">${esc(subtitle)}</text>`)

  /* grid and axes */
  for (let v = 0; v <= tpsScale.max + 1e-9; v += tpsScale.step) {
    out.push(`<line x1="${M.left}" x2="${M.left + PW}" y1="${yT(v).toFixed(1)}" y2="${yT(v).toFixed(1)}" stroke="#e5e7eb"/>`)
    out.push(`<text x="${M.left - 8}" y="${(yT(v) + 4).toFixed(1)}" text-anchor="end" fill="${BLUE}">${f0(v)}</text>`)
  }
  for (let v = 0; v <= p99Scale.max + 1e-9; v += p99Scale.step) {
    out.push(`<text x="${M.left + PW + 8}" y="${(yL(v) + 4).toFixed(1)}" fill="${ORANGE}">${f0(v)}</text>`)
  }
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + PH}" stroke="#9ca3af"/>`)
  out.push(`<line x1="${M.left + PW}" x2="${M.left + PW}" y1="${M.top}" y2="${M.top + PH}" stroke="#9ca3af"/>`)
  out.push(`<line x1="${M.left}" x2="${M.left + PW}" y1="${M.top + PH}" y2="${M.top + PH}" stroke="#9ca3af"/>`)
  out.push(`<text transform="translate(18 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle" fill="${BLUE}">transfers/s (booked)</text>`)
  out.push(`<text transform="translate(${W - 14} ${M.top + PH / 2}) rotate(90)" text-anchor="middle" fill="${ORANGE}">p99 latency (ms)</text>`)
  all.forEach((s, i) => {
    const label = i < steps.length ? String(s.connections) : `${s.connections} (recovery)`
    out.push(`<text x="${x(i).toFixed(1)}" y="${M.top + PH + 18}" text-anchor="middle" fill="#374151">${esc(label)}</text>`)
  })
  out.push(`<text x="${M.left + PW / 2}" y="${M.top + PH + 56}" text-anchor="middle" fill="#374151">connections (closed loop, one request in flight each); below each: its refusals</text>`)

  /* the knee */
  if (stress.knee) {
    const kx = x(stress.knee.index).toFixed(1)
    out.push(`<line x1="${kx}" x2="${kx}" y1="${M.top}" y2="${M.top + PH}" stroke="${RED}" stroke-dasharray="5 4"/>`)
    /* the label on the side of the line with room for it */
    const right = Number(kx) < M.left + PW * 0.6
    out.push(`<text x="${(Number(kx) + (right ? 6 : -6)).toFixed(1)}" y="${M.top + 14}" text-anchor="${right ? 'start' : 'end'}" fill="${RED}" font-weight="600">knee: ${stress.knee.connections} connections</text>`)
  }

  /* the ramp's lines (the recovery point stands alone) */
  const path = (pts) => pts.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`).join(' ')
  const tpsPts = steps.map((s, i) => [x(i), yT(s.tps ?? 0)])
  const p99Pts = steps.filter((s) => s.p99 !== null).map((s) => [x(steps.indexOf(s)), yL(s.p99)])
  out.push(`<path d="${path(tpsPts)}" fill="none" stroke="${BLUE}" stroke-width="2.5"/>`)
  if (p99Pts.length) out.push(`<path d="${path(p99Pts)}" fill="none" stroke="${ORANGE}" stroke-width="2" stroke-dasharray="7 4"/>`)
  all.forEach((s, i) => {
    const recovery = i >= steps.length
    out.push(`<circle cx="${x(i).toFixed(1)}" cy="${yT(s.tps ?? 0).toFixed(1)}" r="4" fill="${recovery ? '#ffffff' : BLUE}" stroke="${BLUE}" stroke-width="2"/>`)
    if (s.p99 !== null) out.push(`<rect x="${(x(i) - 3.5).toFixed(1)}" y="${(yL(s.p99) - 3.5).toFixed(1)}" width="7" height="7" fill="${recovery ? '#ffffff' : ORANGE}" stroke="${ORANGE}" stroke-width="1.5"/>`)
    out.push(`<text x="${x(i).toFixed(1)}" y="${(yT(s.tps ?? 0) - 10).toFixed(1)}" text-anchor="middle" fill="${BLUE}" font-size="11">${f0(s.tps ?? 0)}</text>`)
    /* refusals of the step, under its connection count */
    const refused = refusalLabel(s)
    out.push(`<text x="${x(i).toFixed(1)}" y="${M.top + PH + 34}" text-anchor="middle" fill="${refused ? RED : GREY}" font-size="11">${esc(refused || 'no errors')}</text>`)
  })

  /* legend, under the plot */
  const ly = H - 22
  let lx = M.left
  out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${BLUE}" stroke-width="2.5"/><text x="${lx + 30}" y="${ly + 4}">throughput (left axis)</text>`)
  lx += 180
  out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${ORANGE}" stroke-width="2" stroke-dasharray="7 4"/><text x="${lx + 30}" y="${ly + 4}">p99 of booked transfers (right axis)</text>`)
  lx += 250
  if (stress.recovery) out.push(`<circle cx="${lx + 12}" cy="${ly}" r="4" fill="#ffffff" stroke="${BLUE}" stroke-width="2"/><text x="${lx + 24}" y="${ly + 4}">recovery step, after the ramp</text>`)
  out.push('</svg>')
  return out.join('\n') + '\n'
}
