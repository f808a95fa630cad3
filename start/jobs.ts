import type { JobHandlers } from '#services/queue/job_worker'

/**
 * Which action runs each queue's jobs (`node ace queue:work`), the way
 * start/routes maps URLs to controllers. A job handler is an action whose
 * `handle()` takes the job's payload (#services/queue/job_payloads).
 */
const jobs: JobHandlers = {
  'ledger.posted': () => import('#actions/ledger/announce_posting'),
  'notifications.dispatch': () => import('#actions/notifications/dispatch_notification'),
  'mail.send': () => import('#actions/notifications/send_notification_mail'),
  'risk.score': () => import('#actions/risk/score_event'),
  'openbanking.deliver_event': () => import('#actions/openbanking/deliver_partner_event'),
  'maintenance.prune': () => import('#actions/maintenance/prune_expired_rows'),
  'loans.collect': () => import('#actions/loans/scheduled_loan_collection'),
  'privacy.erase_due': () => import('#actions/customers/scheduled_erasure'),
}

export default jobs
