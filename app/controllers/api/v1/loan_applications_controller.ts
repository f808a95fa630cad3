import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import SubmitLoanApplication from '#actions/loans/submit_loan_application'
import WithdrawLoanApplication from '#actions/loans/withdraw_loan_application'
import UploadLoanDocument from '#actions/loans/upload_loan_document'
import OpenLoanDocument from '#actions/loans/open_loan_document'
import CustomerLoanQueries from '#queries/loans/customer_loan_queries'
import { offeredProducts } from '#queries/loans/product_queries'
import {
  LoanApplicationTransformer,
  LoanDocumentTransformer,
  LoanProductOfferTransformer,
  schedulePreview,
} from '#transformers/loan_transformer'
import {
  createLoanApplicationValidator,
  listLoansValidator,
  loanApplicationFromBody,
  uploadLoanDocumentValidator,
} from '#validators/loan'
import { decodeCursor } from '#validators/cursor'
import { encodeCursor, parseId } from '#domain/api/cursor'
import { attachmentDisposition } from '#domain/customers/customer_record'
import { LOAN_DOCUMENT_MAX_SIZE } from '#domain/loans/loan_documents'
import { auditContext } from '#services/audit/audit_trail'
import { withUploadedFiles } from '#services/http/multipart_upload'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'

/** A path id, or E_LOAN_NOT_FOUND (a malformed id is "not found", never 422) */
function loanIdOf(raw: unknown): number {
  const id = parseId(raw)
  if (id === null) throw new LoanNotFoundException()
  return id
}

/**
 * The customer's loan applications (bearer token): the products on
 * offer, submit, list, show (with a schedule preview while not paid out),
 * withdraw, and attach documents. Ownership by query: another customer's
 * application is 404 E_LOAN_NOT_FOUND.
 */
export default class LoanApplicationsController {
  async products() {
    return { data: (await offeredProducts()).map((offer) => new LoanProductOfferTransformer(offer).toObject()) }
  }

  @inject()
  async store(ctx: HttpContext, submit: SubmitLoanApplication, queries: CustomerLoanQueries) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const { request, response } = ctx
    const body = await request.validateUsing(createLoanApplicationValidator, {
      data: { ...request.body(), headers: request.headers() },
    })
    const { loan, replayed } = await submit.submit({
      customerId: customer.id,
      application: loanApplicationFromBody(body),
      channel: 'api',
      actor: { type: 'customer', id: customer.id },
      context: auditContext(ctx),
      idempotencyKey: body.headers['idempotency-key'],
    })
    if (replayed) response.header('Idempotent-Replayed', 'true')
    const application = await queries.findApplication(customer.id, String(loan.id))
    return response.created({ data: new LoanApplicationTransformer(application).toObject() })
  }

  @inject()
  async index({ auth, request }: HttpContext, queries: CustomerLoanQueries) {
    const customer = auth.use('api').getUserOrFail()
    const { limit = 25, cursor } = await request.validateUsing(listLoansValidator, { data: request.qs() })
    const page = await queries.applicationsPage(customer.id, { limit, beforeId: decodeCursor('la', cursor) })
    const last = page.data[page.data.length - 1]
    const next = page.hasMore
      ? urlFor('api.v1.loan_applications.index', {}, { qs: { limit, cursor: encodeCursor('la', last.loan.id) } })
      : null
    return { data: page.data.map((item) => new LoanApplicationTransformer(item).toObject()), links: { next } }
  }

  @inject()
  async show({ auth, params }: HttpContext, queries: CustomerLoanQueries) {
    const application = await queries.findApplication(auth.use('api').getUserOrFail().id, params.id)
    const today = DateTime.utc().toISODate()!
    const schedule = queries.schedulePreview(application.loan, today)
    const preview = schedule ? schedulePreview(schedule, today, application.loan.currency) : null
    return { data: new LoanApplicationTransformer(application, preview).toObject() }
  }

  @inject()
  async withdraw(ctx: HttpContext, withdraw: WithdrawLoanApplication, queries: CustomerLoanQueries) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const loan = await withdraw.handle({
      loanId: loanIdOf(ctx.params.id),
      customerId: customer.id,
      actor: { type: 'customer', id: customer.id },
      context: auditContext(ctx),
    })
    return { data: new LoanApplicationTransformer(await queries.findApplication(customer.id, String(loan.id))).toObject() }
  }

  @inject()
  async storeDocument(ctx: HttpContext, upload: UploadLoanDocument) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const loanId = loanIdOf(ctx.params.id)
    return withUploadedFiles(ctx, { limit: LOAN_DOCUMENT_MAX_SIZE }, async () => {
      const { file } = await ctx.request.validateUsing(uploadLoanDocumentValidator)
      const document = await upload.handle({
        loanId,
        customerId: customer.id,
        file,
        uploadedBy: { type: 'customer', id: customer.id },
        context: auditContext(ctx),
      })
      return ctx.response.created({ data: new LoanDocumentTransformer(document).toObject() })
    })
  }

  @inject()
  async showDocument(ctx: HttpContext, openDocument: OpenLoanDocument) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const { document, stream } = await openDocument.handle({
      loanId: loanIdOf(ctx.params.id),
      customerId: customer.id,
      documentId: String(ctx.params.documentId),
      actor: { type: 'customer', id: customer.id },
      context: auditContext(ctx),
    })
    ctx.response.header('Content-Type', document.contentType).header('Content-Length', String(document.size))
    ctx.response.header('Content-Disposition', attachmentDisposition(document.name))
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.stream(stream)
  }
}
