import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import LoanPolicy from '#policies/loan_policy'
import UploadLoanDocument from '#actions/loans/upload_loan_document'
import { auditContext } from '#services/audit/audit_trail'
import { uploadLoanDocumentValidator } from '#validators/loan'
import { LOAN_DOCUMENT_MAX_SIZE } from '#domain/loans/loan_documents'
import { withUploadedFiles } from '#services/http/multipart_upload'

/**
 * Staff attach a document to a loan application on the customer's behalf
 * (multipart, read only after authorization; temp files removed after the
 * request). Downloads stay in LoansController#document.
 */
export default class LoanDocumentsController {
  @inject()
  async store(ctx: HttpContext, uploadDocument: UploadLoanDocument) {
    await ctx.bouncer.with(LoanPolicy).authorize('attachDocument')
    return withUploadedFiles(ctx, { limit: LOAN_DOCUMENT_MAX_SIZE }, async () => {
      const { file } = await ctx.request.validateUsing(uploadLoanDocumentValidator)
      const loanId = Number(ctx.params.id)
      const staff = ctx.auth.use('web').getUserOrFail()
      await uploadDocument.handle({ loanId, file, uploadedBy: { type: 'staff', id: staff.id }, context: auditContext(ctx) })
      ctx.session.flash('success', 'Document attached.')
      return ctx.response.redirect().toRoute('backoffice.loans.show', { id: loanId })
    })
  }
}
