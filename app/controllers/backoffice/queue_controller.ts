import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import type { QueueName } from '#config/queue'
import QueuePolicy from '#policies/queue_policy'
import QueueQueries from '#queries/queue/queue_queries'
import RetryFailedJob from '#actions/queue/retry_failed_job'
import RetryDeadLetter from '#actions/queue/retry_dead_letter'
import RetryAllDeadLetters from '#actions/queue/retry_all_dead_letters'
import QueueSummaryTransformer from '#transformers/queue_summary_transformer'
import QueueScheduleTransformer from '#transformers/queue_schedule_transformer'
import QueueJobTransformer from '#transformers/queue_job_transformer'
import QueueDeadLetterTransformer from '#transformers/queue_dead_letter_transformer'
import { auditContext } from '#services/audit/audit_trail'
import { showQueueValidator } from '#validators/queue'

const DEFAULT_PER_PAGE = 25

/** The route matcher admits only config/queue.ts's queue names */
const queueOf = (ctx: HttpContext) => ctx.params.queue as QueueName

/**
 * The job queue for staff: every queue's depth, failures and dead letters
 * (index), one queue's failed jobs and dead letters with Retry (show).
 */
export default class QueueController {
  @inject()
  async index({ bouncer, inertia }: HttpContext, queries: QueueQueries) {
    await bouncer.with(QueuePolicy).authorize('view')
    const { active, configured } = await queries.schedules()
    return inertia.render('backoffice/queue/index', {
      queues: QueueSummaryTransformer.transform(await queries.summaries()),
      schedules: QueueScheduleTransformer.transform(active),
      configuredSchedules: configured.map(({ queue, cron }) => ({ queue, cron })),
    })
  }

  @inject()
  async show(ctx: HttpContext, queries: QueueQueries) {
    await ctx.bouncer.with(QueuePolicy).authorize('view')
    const queue = queueOf(ctx)
    const { failedPage = 1, deadPage = 1, perPage = DEFAULT_PER_PAGE } = await showQueueValidator.validate(ctx.request.qs())
    const failed = await queries.failedJobs(queue, failedPage, perPage)
    const dead = await queries.deadLetters(queue, deadPage, perPage)
    return ctx.inertia.render('backoffice/queue/show', {
      queue: QueueSummaryTransformer.transform(await queries.summary(queue)),
      failed: QueueJobTransformer.transform(failed.jobs),
      dead: QueueDeadLetterTransformer.transform(dead.jobs),
      pages: {
        perPage,
        failed: { page: failed.page, hasMore: failed.hasMore },
        dead: { page: dead.page, hasMore: dead.hasMore },
      },
      can: { retry: await ctx.bouncer.with(QueuePolicy).allows('retry') },
      urls: {
        index: router.urlBuilder.urlFor('backoffice.queue.index'),
        show: router.urlBuilder.urlFor('backoffice.queue.show', { queue }),
        retryAllDead: router.urlBuilder.urlFor('backoffice.queue.retry_all_dead', { queue }),
      },
    })
  }

  @inject()
  async retryFailed(ctx: HttpContext, retryFailedJob: RetryFailedJob) {
    await ctx.bouncer.with(QueuePolicy).authorize('retry')
    const queue = queueOf(ctx)
    await retryFailedJob.handle({
      queue, jobId: ctx.params.id, staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx),
    })
    ctx.session.flash('success', `Job ${ctx.params.id} queued again on ${queue}; its dead letter was removed.`)
    return ctx.response.redirect().toRoute('backoffice.queue.show', { queue })
  }

  @inject()
  async retryDead(ctx: HttpContext, retryDeadLetter: RetryDeadLetter) {
    await ctx.bouncer.with(QueuePolicy).authorize('retry')
    const queue = queueOf(ctx)
    await retryDeadLetter.handle({
      queue, deadLetterId: ctx.params.id, staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx),
    })
    ctx.session.flash('success', `Dead letter ${ctx.params.id} moved back onto ${queue}.`)
    return ctx.response.redirect().toRoute('backoffice.queue.show', { queue })
  }

  @inject()
  async retryAllDead(ctx: HttpContext, retryAll: RetryAllDeadLetters) {
    await ctx.bouncer.with(QueuePolicy).authorize('retry')
    const queue = queueOf(ctx)
    const { moved } = await retryAll.handle({ queue, staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) })
    ctx.session.flash('success', `${moved} dead letter(s) moved back onto ${queue}.`)
    return ctx.response.redirect().toRoute('backoffice.queue.show', { queue })
  }
}
