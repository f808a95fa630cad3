import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import TellerPolicy from '#policies/teller_policy'
import SubmitCashPosting from '#actions/teller/submit_cash_posting'
import SubmitTransfer from '#actions/teller/submit_transfer'
import { auditContext } from '#services/audit/audit_trail'
import fourEyesConfig from '#config/four_eyes'
import { cashPostingValidator, tellerTransferValidator } from '#validators/teller'

const url = router.urlBuilder.urlFor

/**
 * The counter: cash deposit, cash withdrawal, transfer. Each form carries
 * an idempotency key rendered here (a resubmission books once); above the
 * four-eyes limit the posting becomes an approval request.
 */
export default class TellerController {
  async index({ bouncer, inertia }: HttpContext) {
    await bouncer.with(TellerPolicy).authorize('deposit')
    return inertia.render('backoffice/teller/index', {
      keys: { deposit: randomUUID(), withdrawal: randomUUID(), transfer: randomUUID() },
      fourEyesLimit: fourEyesConfig.postingLimit,
      fourEyesWindowHours: fourEyesConfig.windowHours,
      urls: {
        deposit: url('backoffice.teller.deposit'),
        withdraw: url('backoffice.teller.withdraw'),
        transfer: url('backoffice.teller.transfer'),
      },
      can: {
        deposit: await bouncer.with(TellerPolicy).allows('deposit'),
        withdraw: await bouncer.with(TellerPolicy).allows('withdraw'),
        transfer: await bouncer.with(TellerPolicy).allows('transfer'),
      },
    })
  }

  @inject()
  async deposit(ctx: HttpContext, submit: SubmitCashPosting) {
    await ctx.bouncer.with(TellerPolicy).authorize('deposit')
    const input = await ctx.request.validateUsing(cashPostingValidator)
    const outcome = await submit.handle({ kind: 'deposit', ...input, ...who(ctx) })
    ctx.session.flash('success', outcome.message)
    return ctx.response.redirect(url('backoffice.teller.index'))
  }

  @inject()
  async withdraw(ctx: HttpContext, submit: SubmitCashPosting) {
    await ctx.bouncer.with(TellerPolicy).authorize('withdraw')
    const input = await ctx.request.validateUsing(cashPostingValidator)
    const outcome = await submit.handle({ kind: 'withdrawal', ...input, ...who(ctx) })
    ctx.session.flash('success', outcome.message)
    return ctx.response.redirect(url('backoffice.teller.index'))
  }

  @inject()
  async transfer(ctx: HttpContext, submit: SubmitTransfer) {
    await ctx.bouncer.with(TellerPolicy).authorize('transfer')
    const input = await ctx.request.validateUsing(tellerTransferValidator)
    const outcome = await submit.handle({ ...input, ...who(ctx) })
    ctx.session.flash('success', outcome.message)
    return ctx.response.redirect(url('backoffice.teller.index'))
  }
}

function who(ctx: HttpContext) {
  return { staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) }
}
