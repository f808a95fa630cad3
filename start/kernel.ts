/*
|--------------------------------------------------------------------------
| HTTP kernel file
|--------------------------------------------------------------------------
*/

import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([() => import('#middleware/http_metrics_middleware'), () => import('#middleware/request_id_middleware'), () => import('#middleware/request_log_middleware'), () => import('#middleware/security_headers_middleware'), () => import('#middleware/overload_middleware'), () => import('#middleware/container_bindings_middleware'), () => import('#middleware/partner_cors_middleware'), () => import('@adonisjs/cors/cors_middleware'), () => import('#middleware/oauth_middleware'), () => import('#middleware/backoffice_assets_middleware')])

router.use([() => import('@adonisjs/core/bodyparser_middleware'), () => import('#middleware/multipart_guard_middleware'), () => import('#middleware/browser_session_middleware'), () => import('#middleware/initialize_auth_middleware'), () => import('#middleware/initialize_bouncer_middleware'), () => import('#middleware/inertia_middleware'), () => import('#middleware/reject_unsafe_text_middleware')])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  staffAuth: () => import('#middleware/staff_2fa_middleware'),
  forceJson: () => import('#middleware/force_json_middleware'),
  apiAuth: () => import('#middleware/api_auth_middleware'),
  apiThrottle: () => import('#middleware/api_throttle_middleware'),
  apiDeprecation: () => import('#middleware/api_deprecation_middleware'),
  partnerAuth: () => import('#middleware/partner_auth_middleware'),
})
