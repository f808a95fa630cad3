import { json, type ApiArea } from '#domain/api/openapi/area'

/** The API describing itself: OpenApiController */
export const meta: ApiArea = {
  tag: { name: 'API description', description: 'This document. Rendered for people at `/api/docs`.' },
  operations: [
    {
      route: 'api.v1.openapi',
      method: 'get',
      path: '/openapi.json',
      summary: 'Get this OpenAPI 3.1 document',
      auth: 'none',
      responses: {
        200: json('The OpenAPI document', {
          type: 'object',
          required: ['openapi', 'info', 'paths'],
          properties: {
            openapi: { type: 'string', pattern: '^3\\.1\\.' },
            info: { type: 'object' },
            paths: { type: 'object' },
          },
          additionalProperties: true,
        }),
      },
    },
  ],
}
