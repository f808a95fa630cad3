import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CustomerPolicy from '#policies/customer_policy'
import UploadKycDocument from '#actions/customers/upload_kyc_document'
import OpenKycDocument from '#actions/customers/open_kyc_document'
import { auditContext } from '#services/audit/audit_trail'
import { uploadKycDocumentValidator } from '#validators/customer'
import { attachmentDisposition, KYC_DOCUMENT_MAX_SIZE } from '#domain/customers/customer_record'
import { withUploadedFiles } from '#services/http/multipart_upload'

/**
 * KYC documents: upload (multipart, read only after authorization; temp
 * files removed after the request) and download (streamed, as an attachment)
 */
export default class CustomerDocumentsController {
  @inject()
  async store(ctx: HttpContext, uploadDocument: UploadKycDocument) {
    await ctx.bouncer.with(CustomerPolicy).authorize('uploadDocument')
    return withUploadedFiles(ctx, { limit: KYC_DOCUMENT_MAX_SIZE }, async () => {
      const { type, file } = await ctx.request.validateUsing(uploadKycDocumentValidator)
      const customerId = Number(ctx.params.id)
      await uploadDocument.handle({ customerId, type, file, staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) })
      ctx.session.flash('success', 'Document uploaded.')
      return ctx.response.redirect().toRoute('backoffice.customers.show', { id: customerId })
    })
  }

  @inject()
  async show(ctx: HttpContext, openDocument: OpenKycDocument) {
    await ctx.bouncer.with(CustomerPolicy).authorize('downloadDocument')
    const { document, stream } = await openDocument.handle({
      customerId: Number(ctx.params.id), documentId: ctx.params.documentId,
      staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx),
    })
    ctx.response.header('Content-Type', document.mime).header('Content-Length', String(document.size))
    ctx.response.header('Content-Disposition', attachmentDisposition(document.originalName))
    ctx.response.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'private, no-store')
    return ctx.response.stream(stream)
  }
}
