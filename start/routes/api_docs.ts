import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ApiDocsController = () => import('#controllers/api/api_docs_controller')

/**
 * The API reference for people: /api/v1/openapi.json rendered by Scalar
 * (no authentication; limited per IP like /api/v1).
 */
router
  .group(() => {
    router.get('/api/docs', [ApiDocsController, 'show']).as('docs')
    router.get('/api/docs/viewer.js', [ApiDocsController, 'viewer']).as('docs.viewer')
  })
  .as('api')
  .use([middleware.apiThrottle({ by: 'ip' })])
