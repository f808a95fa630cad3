import { openApiDocument } from '#domain/api/openapi/document'

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1 (no authentication) */
export default class OpenApiController {
  show() {
    return openApiDocument()
  }
}
