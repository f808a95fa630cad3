import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { apiDocsContentSecurityPolicy } from '#services/http/api_docs_policy'

/** The reference viewer: Scalar's standalone bundle (@scalar/api-reference), served from our own origin */
const SCALAR_PACKAGE = app.makePath('node_modules/@scalar/api-reference')

/**
 * Runs before the bundle: zod (inside it) probes `Function('')` to decide
 * whether to compile validators, which the CSP refuses (and reports) as
 * eval; jitless skips the probe.
 */
const PRELUDE = 'globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });\n'

let viewer: { version: string; script: Buffer } | undefined

function loadViewer() {
  viewer ??= {
    version: JSON.parse(readFileSync(`${SCALAR_PACKAGE}/package.json`, 'utf8')).version,
    script: Buffer.concat([Buffer.from(PRELUDE), readFileSync(`${SCALAR_PACKAGE}/dist/browser/standalone.js`)]),
  }
  return viewer
}

/** Scalar's options: nothing loaded from, or sent to, another origin */
const VIEWER_CONFIGURATION = {
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  persistAuth: false,
  documentDownloadType: 'json',
  defaultOpenAllTags: true,
}

/**
 * GET /api/docs: the OpenAPI document of /api/v1 rendered for people, under
 * the page's own CSP (#services/http/api_docs_policy: scripts from this
 * origin only, no inline script, no eval).
 */
export default class ApiDocsController {
  async show({ response, view }: HttpContext) {
    response
      .header('Content-Security-Policy', apiDocsContentSecurityPolicy())
      .header('X-Frame-Options', 'DENY')
      .header('X-Content-Type-Options', 'nosniff')
    return view.render('api/docs', {
      documentUrl: '/api/v1/openapi.json',
      scriptUrl: `/api/docs/viewer.js?v=${encodeURIComponent(loadViewer().version)}`,
      configuration: JSON.stringify(VIEWER_CONFIGURATION),
    })
  }

  /**
   * The viewer's script. Public and versioned by `?v=`: cached for a year
   * (this overrides the no-store of /api, which is for responses with data).
   */
  async viewer({ response }: HttpContext) {
    response
      .header('Content-Type', 'text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('X-Content-Type-Options', 'nosniff')
    return response.send(loadViewer().script)
  }
}
