import { inject } from '@adonisjs/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import notificationsConfig from '#config/notifications'
import NotifyCustomer from '#actions/notifications/notify_customer'
import { deviceHash } from '#domain/notifications/device'

/**
 * Inside the token's transaction (IssueCustomerToken): records the device
 * a customer signed in from (keyed hash of IP + User-Agent) and, when the
 * customer had not signed in from it before, notifies 'new_device_sign_in'
 * (a security notice) in that same transaction. Returns whether the device
 * was new. Two parallel first sign-ins from one device: one inserts, the
 * other waits on the primary key and finds it, so one notice.
 */
@inject()
export default class RecordSignInDevice {
  constructor(private notify: NotifyCustomer) {}

  async handle(input: { trx: TransactionClientContract; customerId: number; ip: string | null; userAgent: string | null; at: Date }) {
    const hash = deviceHash(notificationsConfig.deviceKey, input.ip, input.userAgent)
    const { rows } = await input.trx.rawQuery(
      `insert into customer_devices (customer_id, device_hash, first_seen_at, last_seen_at)
       values (?, ?, ?, ?)
       on conflict (customer_id, device_hash) do update set last_seen_at = excluded.last_seen_at
       returning (xmax = 0) as inserted`,
      [input.customerId, hash, input.at, input.at]
    )
    const isNew = rows[0]?.inserted === true
    if (isNew) {
      await this.notify.handle({
        trx: input.trx,
        customerId: input.customerId,
        event: 'new_device_sign_in',
        dedupeKey: hash.slice(0, 32),
        data: { ip: input.ip ?? 'unknown', signedInAt: input.at.toISOString() },
      })
    }
    return { isNew }
  }
}
