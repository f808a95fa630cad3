import ConsentNotFoundException from '#exceptions/consent_not_found_exception'
import ConsentStatusConflictException from '#exceptions/consent_status_conflict_exception'
import { ACCOUNT_PERMISSIONS } from '#domain/openbanking/consent'
import { nullable, page, parameterRef, schemaRef } from '#domain/api/openapi/components'
import { json, noContent, type ApiArea } from '#domain/api/openapi/area'

/** The customer's connected partners (open-banking consents they decided): ConsentsController */
export const connectedPartners: ApiArea = {
  tag: {
    name: 'Connected partners',
    description:
      'The partners (third-party providers) you allowed, or refused, to read your accounts or to make a payment, how often they used it, and revocation. Your own token only.',
  },
  schemas: {
    ConnectedPartner: {
      type: 'object',
      required: ['id', 'partner', 'kind', 'status', 'permissions', 'accountIds', 'createdAt', 'expiresAt', 'lastAccessAt', 'accessCount'],
      properties: {
        id: {
          type: 'string',
          pattern: '^(aac|pdc)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
          description: 'The consent id.',
          examples: ['aac-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'],
        },
        partner: { type: 'object', required: ['name'], properties: { name: { type: 'string', examples: ['Budgetly'] } } },
        kind: {
          type: 'string',
          enum: ['account_access', 'domestic_payment'],
          description: '`account_access`: reads your accounts; `domestic_payment`: one payment.',
        },
        status: {
          ...schemaRef('OBConsentStatus'),
          description: '`AUTH` in force, `RJCT` refused by you, `COND` its payment was made, `CANC` revoked, `EXPD` expired.',
        },
        permissions: {
          type: 'array',
          items: { type: 'string', enum: ACCOUNT_PERMISSIONS },
          description: 'What the partner may read (empty for a payment).',
        },
        accountIds: { type: 'array', items: schemaRef('Id'), description: 'The accounts you shared (for a payment: the account it is paid from).' },
        createdAt: schemaRef('Timestamp'),
        expiresAt: nullable(schemaRef('Timestamp')),
        lastAccessAt: { ...nullable(schemaRef('Timestamp')), description: 'The partner\'s last call under this consent; null if none.' },
        accessCount: { type: 'integer', minimum: 0, description: 'How many calls the partner made under this consent.' },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.consents.index',
      method: 'get',
      path: '/consents',
      summary: 'List the partners you connected',
      description: 'Every consent you decided, newest first, cursor-paginated.',
      auth: 'customer',
      parameters: [parameterRef('Limit'), parameterRef('Cursor')],
      responses: { 200: json('A page of consents', page(schemaRef('ConnectedPartner'))) },
    },
    {
      route: 'api.v1.consents.destroy',
      method: 'delete',
      path: '/consents/{id}',
      summary: 'Revoke a partner\'s access',
      description:
        'The consent becomes `CANC`; the partner\'s tokens under it stop working at once and its refresh token is dead. Only a consent in force can be revoked (409 E_CONSENT_STATUS_CONFLICT otherwise).',
      auth: 'customer',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The consent id. A consent that is not yours is 404 E_CONSENT_NOT_FOUND.',
          schema: { type: 'string', examples: ['aac-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
        },
      ],
      responses: { 204: noContent('Revoked') },
      problems: [ConsentNotFoundException, ConsentStatusConflictException],
    },
  ],
}
