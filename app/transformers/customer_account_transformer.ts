import AccountSummaryTransformer from '#transformers/account_summary_transformer'
import { optionalUrl } from '#controllers/backoffice/customer_urls'

/** An account on the customer page: the summary plus its statement link (when that page exists) */
export default class CustomerAccountTransformer extends AccountSummaryTransformer {
  toObject() {
    return { ...super.toObject(), url: optionalUrl('backoffice.accounts.show', { id: this.resource.id }) }
  }
}
