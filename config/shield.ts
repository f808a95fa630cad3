import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/shield'

const shieldConfig = defineConfig({
  /**
   * Configure CSP policies for your app. Refer documentation
   * to learn more
   */
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      /**
       * '@nonce' covers the inline React refresh preamble of the Vite dev
       * server; '@viteUrl' is the dev server or CDN origin when it is one.
       */
      scriptSrc: [`'self'`, '@nonce', '@viteUrl'],
      /**
       * Vite injects <style> tags during development only; built CSS is
       * served as files.
       */
      styleSrc: app.inProduction ? [`'self'`, '@viteUrl'] : [`'self'`, `'unsafe-inline'`, '@viteUrl'],
      imgSrc: [`'self'`, 'data:', '@viteUrl'],
      fontSrc: [`'self'`, '@viteUrl'],
      /** The Vite HMR websocket during development */
      connectSrc: app.inProduction ? [`'self'`] : [`'self'`, 'ws:', 'wss:', '@viteUrl'],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
    },
    reportOnly: false,
  },

  /**
   * Configure CSRF protection options. Refer documentation
   * to learn more
   */
  csrf: {
    enabled: true,
    /** The API authenticates with bearer tokens, not cookies: no CSRF there */
    exceptRoutes: (ctx) => ctx.request.url().startsWith('/api/'),
    /** Inertia reads the XSRF-TOKEN cookie and sends X-XSRF-TOKEN */
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  /**
   * Control how your website should be embedded inside
   * iFrames
   */
  xFrame: {
    enabled: true,
    action: 'DENY',
  },

  /**
   * Force browser to always use HTTPS
   */
  hsts: {
    enabled: true,
    maxAge: '180 days',
    includeSubDomains: true,
  },

  /**
   * Disable browsers from sniffing the content type of a
   * response and always rely on the "content-type" header.
   */
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig