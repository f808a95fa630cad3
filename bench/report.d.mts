/** Types of report.mjs, for the tests (the benchmark itself is plain Node) */

export function markdownTable(results: any): string
export function stressTable(results: any): string
