import { hkdfSync } from 'node:crypto'
import env from '#start/env'

/**
 * Customer notifications (app/domain/notifications/events.ts holds the
 * catalogue). Read on use.
 *
 * - deviceKey: the HMAC key of the sign-in device hashes
 *   (customer_devices), derived from APP_KEY (HKDF-SHA256). Rotating
 *   APP_KEY makes every device "new" once: each customer gets one
 *   new-device notice at their next sign-in.
 */
const notificationsConfig = {
  get deviceKey(): Buffer {
    return Buffer.from(hkdfSync('sha256', env.get('APP_KEY').release(), 'strongroom', 'notifications/device-hash/v1', 32))
  },
}

export default notificationsConfig
