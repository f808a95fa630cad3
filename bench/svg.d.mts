/** Types of svg.mjs, for the tests (the benchmark itself is plain Node) */

export function niceScale(max: number, ticks?: number): { max: number; step: number }
export function refusalLabel(step: { e429?: number; e503?: number; e5xx?: number; e4xx?: number; eNetwork?: number }): string
export function stressSvg(
  stress: { steps: any[]; recovery?: any; knee?: { index: number; connections: number } | null },
  options?: { title?: string; subtitle?: string }
): string
