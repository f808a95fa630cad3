import staffConfig from '#config/staff'
import throttlesConfig from '#config/throttles'
import { LoginThrottle } from '#services/rate_limiting/login_throttle'

/**
 * Customer token issuance (POST /api/v1/auth/tokens): attempts counted
 * before the password is checked, per e-mail from one IP (hard limit
 * AUTH_MAX_FAILURES_PER_EMAIL), per IP (AUTH_MAX_FAILURES_PER_IP) and per
 * e-mail from everywhere (a back-off, not a lock), within 15 minutes.
 */
export const customerLoginThrottle = new LoginThrottle({
  prefix: 'auth',
  perAccountAndIp: throttlesConfig.customerLoginPerEmailAndIp,
  perIp: throttlesConfig.customerLoginPerIp,
  backoffAfter: staffConfig.loginBackoffAfter,
  backoffSeconds: staffConfig.loginBackoffSeconds,
  window: '15 minutes',
})
