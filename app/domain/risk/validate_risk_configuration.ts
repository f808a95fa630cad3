import { RULE_IDS, type RuleId } from '#domain/risk/rule_types'
import { RULE_SPECS, type ParamKind, type ParamSpec } from '#domain/risk/rules'
import type { BandWeights, RiskConfiguration, Typology } from '#domain/risk/risk_configuration'
import { compareDecimals, isDecimalAmount, isExactRatio } from '#domain/risk/risk_amounts'

/**
 * Checks an untrusted configuration (the settings form, a stored row)
 * against the rules' parameter specs (RULE_SPECS) and the typology rules,
 * and returns a typed copy or every error with its path
 * ("rules.velocity.params.mediumCount"). Pure. Refused among others:
 * missing or unknown rules, parameters or fields; a medium threshold above
 * its high one; a money-laundering typology with a block threshold; a
 * fraud block threshold below its alert threshold; duplicate typology ids.
 */

export interface ConfigurationError {
  path: string
  message: string
}

export type ConfigurationCheck =
  | { ok: true; configuration: RiskConfiguration }
  | { ok: false; errors: ConfigurationError[] }

const MAX_WHOLE: Record<Exclude<ParamKind, 'money' | 'ratio'>, number> = {
  count: 1_000_000,
  minutes: 60 * 24 * 31,
  hours: 24 * 366,
  days: 3660,
}
const MAX_WEIGHT = 1_000_000
const TYPOLOGY_ID = /^[a-z][a-z0-9_]{1,62}$/

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function validateRiskConfiguration(input: unknown): ConfigurationCheck {
  const errors: ConfigurationError[] = []
  const fail = (path: string, message: string) => void errors.push({ path, message })
  if (!isObject(input)) return { ok: false, errors: [{ path: '', message: 'must be an object' }] }
  unknownKeys(input, ['version', 'rules', 'typologies'], '', fail)

  if (!Number.isInteger(input.version) || (input.version as number) < 1) fail('version', 'must be a whole number ≥ 1')
  const rules: Json = {}
  if (!isObject(input.rules)) fail('rules', 'must be an object')
  else {
    unknownKeys(input.rules, RULE_IDS, 'rules', fail)
    for (const id of RULE_IDS) rules[id] = checkRule(id, input.rules[id], `rules.${id}`, fail)
  }
  const typologies: Typology[] = []
  if (!Array.isArray(input.typologies) || input.typologies.length === 0) {
    fail('typologies', 'must be a non-empty list')
  } else {
    const ids = new Set<unknown>()
    input.typologies.forEach((each, index) => {
      const typology = checkTypology(each, `typologies.${index}`, fail)
      if (typology) typologies.push(typology)
      const id = isObject(each) ? each.id : undefined
      if (ids.has(id)) fail(`typologies.${index}.id`, 'is used twice')
      ids.add(id)
    })
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, configuration: { version: input.version as number, rules, typologies } as RiskConfiguration }
}

function unknownKeys(value: Json, known: readonly string[], path: string, fail: (p: string, m: string) => void) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(path ? `${path}.${key}` : key, 'is not a known field')
  }
}

function checkRule(id: RuleId, value: unknown, path: string, fail: (p: string, m: string) => void) {
  const spec = RULE_SPECS[id]
  if (!isObject(value)) return void fail(path, 'is missing')
  unknownKeys(value, ['enabled', 'params'], path, fail)
  if (typeof value.enabled !== 'boolean') fail(`${path}.enabled`, 'must be true or false')
  if (!isObject(value.params)) return void fail(`${path}.params`, 'must be an object')
  const specs = spec.params as Record<string, ParamSpec>
  unknownKeys(value.params, Object.keys(specs), `${path}.params`, fail)
  const params: Json = {}
  let valid = true
  for (const [name, paramSpec] of Object.entries(specs)) {
    const message = checkParam(paramSpec, value.params[name])
    if (message) {
      valid = false
      fail(`${path}.params.${name}`, message)
    } else params[name] = value.params[name]
  }
  if (valid) {
    for (const [lower, higher] of spec.ordered as [string, string][]) {
      const a = params[lower]
      const b = params[higher]
      const above = typeof a === 'string' ? compareDecimals(a, b as string) > 0 : (a as number) > (b as number)
      if (above) fail(`${path}.params.${lower}`, `may not be above ${higher}`)
    }
  }
  return { enabled: value.enabled, params }
}

function checkParam(spec: ParamSpec, value: unknown): string | null {
  if (spec.kind === 'money') {
    return isDecimalAmount(value) ? null : 'must be a decimal amount such as "1000.00"'
  }
  if (spec.kind === 'ratio') {
    return isExactRatio(value) ? null : 'must be a number ≥ 0 with at most 4 decimals'
  }
  const min = spec.min ?? 0
  const max = MAX_WHOLE[spec.kind]
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    return `must be a whole number from ${min} to ${max}`
  }
  return null
}

function checkTypology(value: unknown, path: string, fail: (p: string, m: string) => void): Typology | null {
  if (!isObject(value)) return fail(path, 'must be an object'), null
  let ok = true
  const bad = (p: string, m: string) => ((ok = false), fail(`${path}.${p}`, m))
  unknownKeys(value, ['id', 'name', 'kind', 'weights', 'alertThreshold', 'blockThreshold'], '', bad)
  if (typeof value.id !== 'string' || !TYPOLOGY_ID.test(value.id)) bad('id', 'must be a slug such as "account_takeover"')
  if (typeof value.name !== 'string' || !value.name.trim() || value.name.length > 100) bad('name', 'must be 1 to 100 characters')
  if (value.kind !== 'fraud' && value.kind !== 'money_laundering') bad('kind', 'must be fraud or money_laundering')
  const weights: Partial<Record<RuleId, BandWeights>> = {}
  if (!isObject(value.weights) || Object.keys(value.weights).length === 0) bad('weights', 'must weigh at least one rule')
  else {
    for (const [rule, bands] of Object.entries(value.weights)) {
      if (!(RULE_IDS as readonly string[]).includes(rule)) bad(`weights.${rule}`, 'is not a known rule')
      else if (!isObject(bands)) bad(`weights.${rule}`, 'must have low, medium and high')
      else {
        unknownKeys(bands, ['low', 'medium', 'high'], `weights.${rule}`, bad)
        for (const band of ['low', 'medium', 'high'] as const) {
          const weight = bands[band]
          if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) {
            bad(`weights.${rule}.${band}`, `must be a number from 0 to ${MAX_WEIGHT}`)
          }
        }
        weights[rule as RuleId] = { low: bands.low, medium: bands.medium, high: bands.high } as BandWeights
      }
    }
  }
  const alert = value.alertThreshold
  if (typeof alert !== 'number' || !Number.isFinite(alert) || alert <= 0) bad('alertThreshold', 'must be a number above 0')
  const block = value.blockThreshold
  if (value.kind === 'money_laundering' && block !== null) {
    bad('blockThreshold', 'must be empty: money-laundering typologies only alert, never block (no tipping off)')
  } else if (block !== null && (typeof block !== 'number' || !Number.isFinite(block))) {
    bad('blockThreshold', 'must be a number or empty')
  } else if (typeof block === 'number' && typeof alert === 'number' && block < alert) {
    bad('blockThreshold', 'may not be below the alert threshold')
  }
  if (!ok) return null
  return {
    id: value.id as string,
    name: (value.name as string).trim(),
    kind: value.kind as Typology['kind'],
    weights,
    alertThreshold: alert as number,
    blockThreshold: block as number | null,
  }
}
