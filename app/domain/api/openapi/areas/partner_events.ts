import EventSubscriptionExistsException from '#exceptions/event_subscription_exists_exception'
import EventSubscriptionNotFoundException from '#exceptions/event_subscription_not_found_exception'
import { EVENT_TYPES, EVENT_VERSIONS } from '#domain/openbanking/events'
import { obDocument, parameterRef, partnerHeaders, schemaRef } from '#domain/api/openapi/components'
import { json, jsonBody, noContent, type ApiArea, type Auth } from '#domain/api/openapi/area'
import type { Parameter, Schema } from '#domain/api/openapi/types'

/** A partner's client-credentials token with either scope (PartnerAuthMiddleware with a list) */
const AUTH: Auth = [{ partner: ['accounts'] }, { partner: ['payments'] }]
const PARTNER = partnerHeaders({ onlyPartners: true })
const PARTNER_PARAMETERS = [parameterRef('DPoP'), parameterRef('FapiInteractionId')]
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const JWT = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$'

const SUBSCRIPTION_ID: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The EventSubscriptionId. Another partner\'s subscription, or a malformed id, is 404 E_EVENT_SUBSCRIPTION_NOT_FOUND.',
  schema: { type: 'string', examples: ['evs-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
}

const CALLBACK_URL: Schema = {
  type: 'string',
  maxLength: 2000,
  format: 'uri',
  description:
    'Where SETs are pushed (RFC 8935): an absolute `https` URL without user info or fragment (`http` to 127.0.0.1, [::1] or localhost outside production). One subscription per callback URL.',
  examples: ['https://tpp.example/strongroom/events'],
}

const EVENT_TYPE_LIST: Schema = {
  type: 'array',
  minItems: 1,
  maxItems: EVENT_TYPES.length,
  uniqueItems: true,
  items: { type: 'string', enum: EVENT_TYPES },
  description:
    'Which events: `payment-status-changed` needs scope `payments`, `transfer-received` scope `accounts`, `consent-revoked` either. A type your token\'s scopes do not cover is 422.',
}

const DESCRIPTION = [
  'For partners: what happens to your consents and payments and the accounts shared with you, as **Security Event Tokens** (RFC 8417): JWTs with `typ: secevent+jwt`, signed EdDSA with the authorization server\'s key (verify them against `/oauth/jwks`, matching `kid`), `iss` the authorization server, `aud` your client id, `jti` (dedupe by it: delivery is at least once), `iat`, `toe` (when it happened), optional `txn`, `sub_id` (`{ format: "opaque", id }`: the consent, payment or account) and `events: { <event type URI>: { … } }`.',
  '',
  'Event types:',
  '- `urn:strongroom:events:consent-revoked`: `{ ConsentId, Status: "CANC", StatusReason }`.',
  '- `urn:strongroom:events:payment-status-changed`: `{ DomesticPaymentId, ConsentId, Status }`.',
  '- `urn:strongroom:events:transfer-received`: money arrived in an account a consent of yours shares with `ReadTransactionsCredits`: `{ ConsentId, AccountId, TransactionId, CreditDebitIndicator: "Credit", Amount: { Amount, Currency }, BookingDateTime }`.',
  '',
  '**Push** (RFC 8935): with a `CallbackUrl`, each SET is `POST`ed there with `Content-Type: application/secevent+jwt`; answer `202` (any 2xx) to acknowledge. A 5xx, 429, timeout or connection failure is retried with exponential backoff for several hours (a circuit breaker per callback origin stops calls to an endpoint that keeps failing); a 4xx (RFC 8935 §2.3 `{ "err", "description" }`) is not retried. Redirects are not followed.',
  '',
  '**Poll** (RFC 8936): `POST /events` returns the SETs you have not acknowledged (pushed ones that failed included); acknowledge them in the next poll. A subscription without `CallbackUrl` is polling only.',
].join('\n')

/** Event subscriptions and polling (RFC 8935, 8936): EventSubscriptionsController, PartnerEventsController */
export const partnerEvents: ApiArea = {
  tag: { name: 'Partner events', description: DESCRIPTION },
  schemas: {
    OBEventSubscriptionRequest: {
      type: 'object',
      required: ['Data'],
      properties: {
        Data: {
          type: 'object',
          required: ['Version'],
          properties: {
            CallbackUrl: { ...CALLBACK_URL, description: `${CALLBACK_URL.description} Absent: polling only (one such subscription).` },
            Version: { type: 'string', enum: EVENT_VERSIONS, description: 'The event format version.' },
            EventTypes: { ...EVENT_TYPE_LIST, description: `${EVENT_TYPE_LIST.description} Absent: every type your token covers.` },
          },
        },
      },
    },
    OBEventSubscriptionUpdate: {
      type: 'object',
      required: ['Data'],
      properties: {
        Data: {
          type: 'object',
          description: 'The members given replace the stored ones.',
          properties: {
            CallbackUrl: { type: ['string', 'null'], maxLength: 2000, description: 'A new callback, or null: polling only from now on.' },
            Version: { type: 'string', enum: EVENT_VERSIONS },
            EventTypes: EVENT_TYPE_LIST,
          },
        },
      },
    },
    OBEventSubscription: {
      type: 'object',
      required: ['EventSubscriptionId', 'CallbackUrl', 'Version', 'EventTypes'],
      properties: {
        EventSubscriptionId: { type: 'string', pattern: `^evs-${UUID}$`, examples: ['evs-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
        CallbackUrl: { type: ['string', 'null'], description: 'null: polling only.' },
        Version: { type: 'string', enum: EVENT_VERSIONS },
        EventTypes: EVENT_TYPE_LIST,
      },
    },
    SetPollRequest: {
      type: 'object',
      description: 'RFC 8936 §2.4. An empty object polls (long poll) for up to 25 SETs.',
      properties: {
        ack: { type: 'array', maxItems: 1000, items: { type: 'string', pattern: `^${UUID}$` }, description: 'jtis of SETs you received and accept.' },
        setErrs: {
          type: 'object',
          description: 'jti → why you refuse that SET; it counts as acknowledged (kept for the bank\'s staff).',
          additionalProperties: {
            type: 'object',
            required: ['err'],
            properties: { err: { type: 'string', maxLength: 100 }, description: { type: 'string', maxLength: 1000 } },
          },
        },
        maxEvents: { type: 'integer', minimum: 0, maximum: 100, default: 25, description: '0: only acknowledge.' },
        returnImmediately: {
          type: 'boolean',
          default: false,
          description: 'false: with nothing to return, wait up to 10 s for an event (long poll).',
        },
      },
    },
    SetPollResponse: {
      type: 'object',
      required: ['sets', 'moreAvailable'],
      properties: {
        sets: {
          type: 'object',
          description: 'jti → SET (a compact JWS), oldest first.',
          additionalProperties: { type: 'string', pattern: JWT },
        },
        moreAvailable: { type: 'boolean', description: 'More unacknowledged SETs wait: poll again.' },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.event_subscriptions.store',
      method: 'post',
      path: '/event-subscriptions',
      summary: 'Subscribe to events',
      description: 'One subscription per callback URL: another with the same URL is 409 E_EVENT_SUBSCRIPTION_EXISTS (change it with PATCH).',
      auth: AUTH,
      parameters: PARTNER_PARAMETERS,
      requestBody: jsonBody(schemaRef('OBEventSubscriptionRequest')),
      responses: { 201: json('The subscription', obDocument(schemaRef('OBEventSubscription')), PARTNER) },
      problems: [EventSubscriptionExistsException],
    },
    {
      route: 'api.v1.event_subscriptions.index',
      method: 'get',
      path: '/event-subscriptions',
      summary: 'List your event subscriptions',
      auth: AUTH,
      parameters: PARTNER_PARAMETERS,
      responses: {
        200: json(
          'Your subscriptions, oldest first',
          obDocument({
            type: 'object',
            required: ['EventSubscription'],
            properties: { EventSubscription: { type: 'array', items: schemaRef('OBEventSubscription') } },
          }),
          PARTNER
        ),
      },
    },
    {
      route: 'api.v1.event_subscriptions.show',
      method: 'get',
      path: '/event-subscriptions/{id}',
      summary: 'Get one of your event subscriptions',
      auth: AUTH,
      parameters: [SUBSCRIPTION_ID, ...PARTNER_PARAMETERS],
      responses: { 200: json('The subscription', obDocument(schemaRef('OBEventSubscription')), PARTNER) },
      problems: [EventSubscriptionNotFoundException],
    },
    {
      route: 'api.v1.event_subscriptions.update',
      method: 'patch',
      path: '/event-subscriptions/{id}',
      summary: 'Change one of your event subscriptions',
      description: 'Pushes already queued go to the new callback.',
      auth: AUTH,
      parameters: [SUBSCRIPTION_ID, ...PARTNER_PARAMETERS],
      requestBody: jsonBody(schemaRef('OBEventSubscriptionUpdate')),
      responses: { 200: json('The subscription', obDocument(schemaRef('OBEventSubscription')), PARTNER) },
      problems: [EventSubscriptionNotFoundException, EventSubscriptionExistsException],
    },
    {
      route: 'api.v1.event_subscriptions.destroy',
      method: 'delete',
      path: '/event-subscriptions/{id}',
      summary: 'Delete one of your event subscriptions',
      description: 'Nothing more is pushed to it; events already published stay pollable.',
      auth: AUTH,
      parameters: [SUBSCRIPTION_ID, ...PARTNER_PARAMETERS],
      responses: { 204: { ...noContent('Deleted'), headers: PARTNER } },
      problems: [EventSubscriptionNotFoundException],
    },
    {
      route: 'api.v1.events.poll',
      method: 'post',
      path: '/events',
      summary: 'Poll for events (RFC 8936)',
      description:
        'Acknowledges the SETs named in `ack` and `setErrs` (unknown jtis are ignored), then returns up to `maxEvents` of your unacknowledged SETs, oldest first. A SET not acknowledged comes again in the next poll.',
      auth: AUTH,
      parameters: PARTNER_PARAMETERS,
      requestBody: jsonBody(schemaRef('SetPollRequest')),
      responses: { 200: json('Your SETs', schemaRef('SetPollResponse'), PARTNER) },
    },
  ],
}
