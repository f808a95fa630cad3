/** Types of findings.mjs, for the tests (the scripts themselves are plain Node) */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info'
export type Tool = 'wapiti' | 'sqlmap' | 'spectral'

export interface Finding {
  tool: Tool
  rule: string
  severity: Severity
  target: string
  detail: string
  count: number
  key: string
}

export interface BaselineEntry {
  tool: Tool
  rule: string
  target: string
  triage: 'false-positive' | 'accepted-risk' | 'not-applicable'
  reason: string
}

export interface TriagedFinding extends Finding {
  accepted: BaselineEntry | null
  blocking: boolean
}

export const SEVERITIES: Severity[]
export const TOOLS: Tool[]
export const TRIAGES: BaselineEntry['triage'][]
export const BLOCKING: Set<Severity>
export function keyOf(finding: Pick<Finding, 'tool' | 'rule' | 'target'>): string
export function normalisePath(pathOrUrl: string): string
export function parseWapiti(report: unknown, options?: { scan?: string }): Finding[]
export function parseSqlmap(output: string, options: { target: string }): Finding[]
export function sqlmapRunProblem(output: string): string | null
export function parseSpectral(results: unknown[], document?: unknown): Finding[]
export function requestComponents(document: unknown): Set<string>
export function validateBaseline(baseline: unknown): string[]
export function triage(findings: Finding[], baseline: { accepted: BaselineEntry[] }): { findings: TriagedFinding[]; stale: BaselineEntry[] }
export function summaryTable(triaged: TriagedFinding[]): string
