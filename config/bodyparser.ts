import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    limit: '64kb',
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  /**
   * Multipart is never parsed here (that would write files to the temp
   * directory before authentication, CSRF and rate limits run). The
   * routes listed in #middleware/multipart_guard_middleware accept it
   * and read it themselves with #services/http/multipart_upload, after
   * authentication, CSRF and authorization, within their own size limit,
   * deleting the temporary files after the request; every other route
   * answers 415 without reading the body.
   */
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    limit: '10mb',
    fieldsLimit: '64kb',
    maxFields: 20,
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
