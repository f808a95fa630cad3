import shieldConfig from '#config/shield'

/**
 * The Content-Security-Policy of the API reference page (/api/docs).
 * /api responses skip Shield (#middleware/browser_session_middleware), so
 * the page sets its own header: the backoffice's policy from
 * config/shield.ts (defaults to our origin, nothing framed, no plugins,
 * forms and base URI to our origin), its Vite keywords left out (the page
 * loads nothing from Vite), with two changes for this page only:
 * - `script-src 'self'`: the viewer's bundle from our origin and nothing
 *   else (no inline script, no nonce needed, no eval);
 * - `style-src 'self' 'unsafe-inline'`: the viewer (Scalar) injects
 *   <style> elements without a nonce (its theme, its code editor) and sets
 *   style attributes; a nonce cannot cover either. Styles only: no script
 *   can run from them.
 */
export const API_DOCS_CSP_DIRECTIVES: Record<string, string[]> = {
  ...withoutKeywords(shieldConfig.csp.directives as Record<string, unknown[]>),
  scriptSrc: [`'self'`],
  styleSrc: [`'self'`, `'unsafe-inline'`],
}

export function apiDocsContentSecurityPolicy(): string {
  return Object.entries(API_DOCS_CSP_DIRECTIVES)
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${sources.join(' ')}`.trim())
    .join('; ')
}

/** Shield's directives without its `@nonce` / `@viteUrl` keywords (resolved by Shield per request) */
function withoutKeywords(directives: Record<string, unknown[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(directives).map(([name, values]) => [
      name,
      values.filter((value): value is string => typeof value === 'string' && !value.startsWith('@')),
    ])
  )
}
