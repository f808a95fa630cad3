import type { RiskConfiguration } from '#domain/risk/risk_configuration'

/**
 * What a new configuration changes, one line per setting, for the
 * four-eyes request, the audit row and the version history (pure):
 * "rules.velocity.params.mediumCount: 5 → 6",
 * "typologies.money_mule.alertThreshold: 100 → 120",
 * "typologies.fraud_ring: added". Typologies are matched by id, not by
 * position; the version number itself is not a change.
 */
export function configurationChanges(before: RiskConfiguration, after: RiskConfiguration): string[] {
  const from = flatten(before)
  const to = flatten(after)
  const lines: string[] = []
  const beforeIds = new Set(before.typologies.map((t) => t.id))
  const afterIds = new Set(after.typologies.map((t) => t.id))
  for (const id of afterIds) if (!beforeIds.has(id)) lines.push(`typologies.${id}: added`)
  for (const id of beforeIds) if (!afterIds.has(id)) lines.push(`typologies.${id}: removed`)
  const typologyOnlyIn = (path: string, ids: Set<string>) => path.startsWith('typologies.') && !ids.has(path.split('.')[1])
  for (const path of new Set([...from.keys(), ...to.keys()])) {
    if (typologyOnlyIn(path, afterIds) || typologyOnlyIn(path, beforeIds)) continue
    const a = from.get(path)
    const b = to.get(path)
    if (a === b) continue
    lines.push(`${path}: ${a ?? '—'} → ${b ?? '—'}`)
  }
  return lines
}

function flatten(config: RiskConfiguration): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key)
    } else out.set(path, value === null ? 'none' : String(value))
  }
  walk(config.rules, 'rules')
  for (const typology of config.typologies) {
    const { id, ...rest } = typology
    walk(rest, `typologies.${id}`)
  }
  return out
}
