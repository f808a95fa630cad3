import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import openbankingConfig from '#config/openbanking'
import { text } from '#validators/common'
import { EVENT_TYPES, EVENT_VERSIONS, callbackUrlProblem } from '#domain/openbanking/events'

/**
 * Events for partners: event subscriptions (UK Open Banking v4 shape,
 * `Data` with PascalCase members) and the RFC 8936 polling request. Which
 * event types the token's scopes allow is the action's rule.
 */

/** https, or http to the loopback interface outside production (#domain/openbanking/events) */
const callbackUrlRule = vine.createRule(function callbackUrl(value: unknown, _options: undefined, field: FieldContext) {
  if (typeof value !== 'string') return
  const problem = callbackUrlProblem(value, { allowLoopbackHttp: openbankingConfig.nodeEnv !== 'production' })
  if (problem) field.report(problem, 'callbackUrl', field)
})

const callbackUrl = () => text().trim().maxLength(2000).use(callbackUrlRule())
const eventTypes = () => vine.array(vine.enum(EVENT_TYPES)).minLength(1).maxLength(EVENT_TYPES.length).distinct()

/** POST /api/v1/event-subscriptions: no CallbackUrl = polling only; no EventTypes = every type the token's scopes allow */
export const createEventSubscriptionValidator = vine.create({
  Data: vine.object({
    CallbackUrl: callbackUrl().optional(),
    Version: vine.enum(EVENT_VERSIONS),
    EventTypes: eventTypes().optional(),
  }),
})

/** PATCH /api/v1/event-subscriptions/:id: the members given change (CallbackUrl null = polling only) */
export const updateEventSubscriptionValidator = vine.create({
  Data: vine.object({
    CallbackUrl: callbackUrl().nullable().optional(),
    Version: vine.enum(EVENT_VERSIONS).optional(),
    EventTypes: eventTypes().optional(),
  }),
})

/** An event subscription id in a path: evs- + UUID */
export const eventSubscriptionIdValidator = vine.create({
  id: text().regex(/^evs-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
})

const JTI = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const jti = () => text().regex(JTI)

/**
 * POST /api/v1/events (RFC 8936 §2.4): `ack` the SETs received, report
 * `setErrs` for SETs refused, ask for up to `maxEvents` (0 = only
 * acknowledge), `returnImmediately` or wait (long poll).
 */
export const pollEventsValidator = vine.create({
  ack: vine.array(jti()).maxLength(1000).optional(),
  setErrs: vine
    .record(vine.object({ err: text().maxLength(100), description: text().maxLength(1000).optional() }))
    .maxLength(1000)
    .validateKeys((keys, field) => {
      if (keys.some((key) => !JTI.test(key))) field.report('The {{ field }} field must be keyed by SET jti', 'jti', field)
    })
    .optional(),
  maxEvents: vine.number().withoutDecimals().min(0).max(100).optional(),
  returnImmediately: vine.boolean({ strict: true }).optional(),
})
