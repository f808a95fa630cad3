/**
 * The part of OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.1) that the
 * /api/v1 document uses, typed so that a misspelt member fails `tsc`.
 * Schemas are JSON Schema 2020-12 (the OAS 3.1 dialect): `null` is a type,
 * examples go in `examples: [...]`.
 */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

export interface Schema {
  $ref?: string
  title?: string
  description?: string
  type?: JsonType | JsonType[]
  format?: string
  pattern?: string
  enum?: readonly unknown[]
  const?: unknown
  default?: unknown
  examples?: readonly unknown[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  properties?: Record<string, Schema>
  required?: readonly string[]
  additionalProperties?: boolean | Schema
  items?: Schema
  oneOf?: Schema[]
  anyOf?: Schema[]
  allOf?: Schema[]
  readOnly?: boolean
  writeOnly?: boolean
  deprecated?: boolean
}

export interface Reference {
  $ref: string
  description?: string
}

export interface Header {
  description?: string
  required?: boolean
  deprecated?: boolean
  schema: Schema
}

export interface Parameter {
  name: string
  in: 'query' | 'header' | 'path' | 'cookie'
  description?: string
  required?: boolean
  deprecated?: boolean
  schema: Schema
  examples?: Record<string, { summary?: string; value: unknown }>
}

export interface MediaType {
  schema: Schema
  examples?: Record<string, { summary?: string; value: unknown }>
}

export interface RequestBody {
  description?: string
  required?: boolean
  content: Record<string, MediaType>
}

export interface Response {
  description: string
  headers?: Record<string, Header | Reference>
  content?: Record<string, MediaType>
}

export type SecurityRequirement = Record<string, string[]>

export interface Operation {
  operationId: string
  summary: string
  description?: string
  tags?: string[]
  parameters?: Array<Parameter | Reference>
  requestBody?: RequestBody
  responses: Record<string, Response>
  security?: SecurityRequirement[]
  deprecated?: boolean
  /** Extension: the end of life of a deprecated operation (YYYY-MM-DD) */
  'x-sunset'?: string
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options'

export type PathItem = Partial<Record<HttpMethod, Operation>>

export interface OAuthFlow {
  authorizationUrl?: string
  tokenUrl?: string
  refreshUrl?: string
  scopes: Record<string, string>
}

export type SecurityScheme =
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; name: string; in: 'query' | 'header' | 'cookie'; description?: string }
  | {
      type: 'oauth2'
      description?: string
      flows: Partial<Record<'clientCredentials' | 'authorizationCode' | 'implicit' | 'password', OAuthFlow>>
    }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string }

export interface Tag {
  name: string
  description?: string
}

export interface OpenApiDocument {
  openapi: string
  info: {
    title: string
    version: string
    summary?: string
    description?: string
    license?: { name: string; identifier?: string; url?: string }
  }
  servers: Array<{ url: string; description?: string }>
  tags: Tag[]
  security: SecurityRequirement[]
  paths: Record<string, PathItem>
  components: {
    schemas: Record<string, Schema>
    parameters: Record<string, Parameter>
    headers: Record<string, Header>
    securitySchemes: Record<string, SecurityScheme>
  }
}
