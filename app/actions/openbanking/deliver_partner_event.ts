import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import PartnerEventQueries, { type DeliveryTarget } from '#queries/openbanking/partner_event_queries'
import { callOutbound } from '#services/outbound/circuit_breakers'
import { SECEVENT_MEDIA_TYPE, signSecurityEvent } from '#services/oauth/security_event_tokens'
import type { JobPayloads } from '#services/queue/job_payloads'
import { outcomeOf, type DeliveryOutcome } from '#domain/openbanking/events'
import OutboundUnavailableException from '#exceptions/outbound_unavailable_exception'
import EventDeliveryFailedException from '#exceptions/event_delivery_failed_exception'
import { fetch, type Agent } from 'undici'
import { PrivateDestinationError, privateLiteral, publicOnlyAgent } from '#services/outbound/public_destinations'
import openbankingConfig from '#config/openbanking'
import { webhookDeliveryLag } from '#services/metrics/metrics'

/** Callbacks reach public addresses only; loopback too outside production (a developer's receiver, the tests) */
const DESTINATIONS = { allowLoopback: openbankingConfig.nodeEnv !== 'production' }
let agent: Agent | undefined

export type DeliverResult =
  | { delivered: true; status: number }
  | { delivered: false; reason: 'gone' | 'partner_inactive' | 'no_callback' | 'already_delivered' | 'acknowledged' | 'rejected' }

/** A receiver that is failing (5xx, 429): thrown inside the breaker so that it counts, unless busy */
class ReceiverFailure extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(`HTTP ${status}${detail ? `: ${detail}` : ''}`)
  }
}

/**
 * Job handler of 'openbanking.deliver_event' (start/jobs.ts): pushes one
 * event to one subscription's callback as a signed SET (RFC 8935:
 * `POST`, `Content-Type: application/secevent+jwt`), through the circuit
 * breaker of the callback's origin (`webhook:<origin>`) with its timeout;
 * redirects are not followed. Every attempt is written to the delivery
 * log (openbanking_event_deliveries) with the outcome, status, error and
 * duration.
 *
 * - 2xx: delivered; the event is acknowledged (a poll no longer returns it).
 * - 4xx or a redirect: rejected by the receiver (RFC 8935 §2.3, e.g.
 *   invalid_key): not retried, not a breaker failure; the event waits for
 *   a poll.
 * - 5xx, no answer, a connection error (breaker failures), 429 (not one),
 *   the circuit open (nothing sent): throws EventDeliveryFailed, so
 *   pg-boss retries with exponential backoff, then dead-letters.
 *
 * Skips (no request) when the event or subscription is gone, the partner
 * is suspended, this callback already took the event (a re-delivered
 * job) or the partner acknowledged it by polling. At least once: a crash
 * between the 2xx and the log row sends it again; receivers dedupe by jti.
 */
@inject()
export default class DeliverPartnerEvent {
  constructor(private queries: PartnerEventQueries) {}

  async handle(payload: JobPayloads['openbanking.deliver_event'], job?: { retryCount: number }): Promise<DeliverResult> {
    const target = await this.queries.deliveryTarget(payload.eventId, payload.subscriptionId)
    if (!target) return { delivered: false, reason: 'gone' }
    if (!target.partnerActive) return { delivered: false, reason: 'partner_inactive' }
    if (!target.callbackUrl) return { delivered: false, reason: 'no_callback' }
    if (target.delivered) return { delivered: false, reason: 'already_delivered' }
    if (target.acknowledgedBy === 'poll') return { delivered: false, reason: 'acknowledged' }

    const callbackUrl = target.callbackUrl
    const token = await signSecurityEvent(target.claims)
    const attempt = (job?.retryCount ?? 0) + 1
    const started = performance.now()
    let outcome: DeliveryOutcome
    let status: number | null = null
    let error: string | null = null
    /* SSRF: a callback on a non-public address is refused and never retried */
    const literal = privateLiteral(new URL(callbackUrl), DESTINATIONS)
    if (literal) {
      await this.record(target, { attempt, outcome: 'rejected', status: null, error: new PrivateDestinationError(literal).message, durationMs: 0 })
      return { delivered: false, reason: 'rejected' }
    }
    try {
      const response = await callOutbound(`webhook:${new URL(callbackUrl).origin}`, (signal) => push(callbackUrl, token, signal))
      status = response.status
      outcome = outcomeOf(status)
      if (outcome !== 'delivered') error = response.detail || `HTTP ${status}`
    } catch (failure) {
      outcome = failure instanceof OutboundUnavailableException ? 'unavailable' : failure instanceof PrivateDestinationError ? 'rejected' : 'failed'
      status = failure instanceof ReceiverFailure ? failure.status : null
      error = describe(failure)
    }
    await this.record(target, { attempt, outcome, status, error, durationMs: Math.round(performance.now() - started) })

    if (outcome === 'delivered') {
      webhookDeliveryLag.observe(Math.max(0, (Date.now() - target.createdAt.getTime()) / 1000))
      return { delivered: true, status: status! }
    }
    if (outcome === 'rejected') return { delivered: false, reason: 'rejected' }
    throw new EventDeliveryFailedException(callbackUrl, error ?? outcome)
  }

  /** The attempt's log row; a delivery also acknowledges the event, in the same transaction */
  private async record(
    target: DeliveryTarget,
    attempt: { attempt: number; outcome: DeliveryOutcome; status: number | null; error: string | null; durationMs: number }
  ) {
    await db.transaction(async (trx) => {
      await trx.table('openbanking_event_deliveries').insert({
        event_id: target.eventId,
        partner_id: target.partnerId,
        subscription_id: target.subscriptionId,
        callback_url: target.callbackUrl,
        attempt: attempt.attempt,
        outcome: attempt.outcome,
        status_code: attempt.status,
        error: attempt.error?.slice(0, 500) ?? null,
        duration_ms: attempt.durationMs,
      })
      if (attempt.outcome === 'delivered') {
        await trx
          .from('openbanking_events')
          .where('id', target.eventId)
          .whereNull('acknowledged_at')
          .update({ acknowledged_at: new Date(), acknowledged_by: 'push' })
      }
    })
  }
}

/**
 * One RFC 8935 push. A 5xx throws (a breaker failure); 429 is returned
 * (busy, not broken: retried without opening the circuit); other answers
 * are returned with the receiver's error description (RFC 8935 §2.3
 * `{ err, description }`) when it sent one.
 */
async function push(url: string, token: string, signal: AbortSignal): Promise<{ status: number; detail: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': SECEVENT_MEDIA_TYPE, 'accept': 'application/json' },
    body: token,
    redirect: 'manual',
    signal,
    dispatcher: (agent ??= publicOnlyAgent(DESTINATIONS)),
  }).catch((error) => {
    /* a name resolving to a non-public address: refused at connect time (not a breaker failure) */
    if (error?.cause instanceof PrivateDestinationError) throw error.cause
    throw error
  })
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel()
    return { status: response.status, detail: '' }
  }
  const detail = receiverError(await response.text().catch(() => ''))
  if (response.status >= 500) throw new ReceiverFailure(response.status, detail)
  return { status: response.status, detail: detail ? `HTTP ${response.status}: ${detail}` : `HTTP ${response.status}` }
}

/** RFC 8935 §2.3 error body, or the start of whatever the receiver sent */
function receiverError(body: string): string {
  try {
    const parsed = JSON.parse(body)
    if (parsed && typeof parsed.err === 'string') {
      return typeof parsed.description === 'string' ? `${parsed.err}: ${parsed.description}` : parsed.err
    }
  } catch {}
  return body.replace(/\s+/g, ' ').trim().slice(0, 200)
}

function describe(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } }
  const cause = err?.cause?.code ?? err?.cause?.message
  return [err?.message ?? String(error), cause].filter(Boolean).join(': ')
}
