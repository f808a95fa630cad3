import db from '@adonisjs/lucid/services/db'
import queueConfig from '#config/queue'

/**
 * The jobs of the notifications specs, read straight from pg-boss's job
 * table (the test process never works the queue: the specs run the job
 * handlers themselves).
 */
export async function dispatchJobs(customerId: number, event?: string) {
  const query = db
    .from(`${queueConfig.schema}.job`)
    .where('name', 'notifications.dispatch')
    .whereRaw(`data->>'customerId' = ?`, [String(customerId)])
    .select('id', 'data', 'state')
    .orderBy('created_on', 'asc')
  if (event) query.whereRaw(`data->>'event' = ?`, [event])
  return query
}

export async function mailJobs(notificationId: number) {
  return db
    .from(`${queueConfig.schema}.job`)
    .where('name', 'mail.send')
    .whereRaw(`(data->>'notificationId')::bigint = ?`, [notificationId])
    .select('id', 'data')
}

export async function notificationsOf(customerId: number) {
  return db.from('notifications').where('customer_id', customerId).orderBy('id', 'asc')
}
