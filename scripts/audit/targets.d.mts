/** Types of targets.mjs, for the tests (the scripts themselves are plain Node) */

export interface RouteListing {
  pattern: string
  methods: string[]
}

export interface SqlmapTarget {
  name: string
  auth: 'none' | 'customer' | 'staff'
  method: 'GET' | 'POST'
  url: string
  data?: string
}

export const QUERIES: Record<string, string>
export const EXCLUDED: string[]
export function flattenRoutes(listing: unknown): RouteListing[]
export function startUrls(routes: RouteListing[], options: { base: string; prefix: string; ids?: Record<string, string> }): string[]
export function sqlmapTargets(options: {
  base: string
  credentials: { customers: { email: string; accounts: { id: number | string }[] }[] }
}): SqlmapTarget[]
