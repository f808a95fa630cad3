import { inject } from '@adonisjs/core'
import type { InferData } from '@adonisjs/core/types/transformers'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import AuditPolicy from '#policies/audit_policy'
import AuditQueries from '#queries/audit/audit_queries'
import RunAuditVerification from '#actions/audit/run_audit_verification'
import AuditEventTransformer from '#transformers/audit_event_transformer'
import AuditVerificationTransformer from '#transformers/audit_verification_transformer'
import { auditContext } from '#services/audit/audit_trail'
import { listAuditEventsValidator } from '#validators/audit'
import { onReadReplica } from '#services/database/read_replica'

const DEFAULT_PER_PAGE = 50

/** A sealed block as the audit pages show it (the pages type their `block` props with this) */
export type AuditBlock = { id: number; blockHash: string; sealedAt: string; eventCount: number; prevHash?: string }

const block = (row: any): AuditBlock | null =>
  row && {
    id: Number(row.id),
    blockHash: row.block_hash as string,
    sealedAt: new Date(row.sealed_at).toISOString(),
    eventCount: Number(row.event_count),
    ...(row.prev_hash ? { prevHash: row.prev_hash as string } : {}),
  }

/**
 * The audit trail: filtered list (keyset, newest first), one event with
 * its block, and the chain status panel with "Run verification". The list
 * is read on the read replica when there is one
 * (app/services/database/read_replica.ts); the chain status panel on the
 * primary, so the run just made by "Run verification" shows at once.
 */
export default class AuditController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, queries: AuditQueries) {
    await bouncer.with(AuditPolicy).authorize('view')
    const { before, after, perPage, ...filters } = await listAuditEventsValidator.validate(request.qs())
    const { page, emails } = await onReadReplica(async (client) => {
      const reader = new AuditQueries(client)
      const listed = await reader.page({ ...filters, before, after, perPage: perPage ?? DEFAULT_PER_PAGE })
      return { page: listed, emails: await reader.staffEmails(listed.events) }
    })
    const { lastBlock, lastRun } = await queries.chainStatus()

    return inertia.render('backoffice/audit/index', {
      events: AuditEventTransformer.transform(page.events, emails),
      cursors: { newer: page.newer, older: page.older },
      filters: { ...filters, perPage: perPage ?? DEFAULT_PER_PAGE },
      chain: {
        lastBlock: block(lastBlock),
        /* serialized like a top-level prop at runtime; Inertia's types only unpack top-level transformers */
        lastRun: (lastRun ? AuditVerificationTransformer.transform(lastRun) : null) as unknown as InferData<AuditVerificationTransformer> | null,
      },
      can: { verify: await bouncer.with(AuditPolicy).allows('verify') },
      urls: {
        index: router.urlBuilder.urlFor('backoffice.audit.index'),
        verify: router.urlBuilder.urlFor('backoffice.audit.verify'),
      },
    })
  }

  @inject()
  async show({ bouncer, params, inertia }: HttpContext, queries: AuditQueries) {
    await bouncer.with(AuditPolicy).authorize('view')
    const event = await queries.find(Number(params.id))
    return inertia.render('backoffice/audit/show', {
      event: AuditEventTransformer.transform(event, await queries.staffEmails([event])).useVariant('forDetail'),
      block: block(await queries.blockOf(Number(event.id))),
      urls: { index: router.urlBuilder.urlFor('backoffice.audit.index') },
    })
  }

  @inject()
  async verify(ctx: HttpContext, runVerification: RunAuditVerification) {
    await ctx.bouncer.with(AuditPolicy).authorize('verify')
    const { run, report } = await runVerification.handle({
      runBy: ctx.auth.use('web').getUserOrFail(),
      source: 'backoffice',
      sealFirst: true,
      context: auditContext(ctx),
    })
    if (report.ok) {
      ctx.session.flash('success', `Audit chain verified: ${run.rowsChecked} rows, ${run.blocksChecked} blocks, no break.`)
    } else {
      ctx.session.flash('error', `Audit chain BROKEN: ${report.breaks.length} break(s) found. See the chain status panel.`)
    }
    return ctx.response.redirect().toRoute('backoffice.audit.index')
  }
}
