import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'metrics': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.auth.tokens.store': { paramsTuple?: []; params?: {} }
    'api.v1.auth.tokens.destroy': { paramsTuple?: []; params?: {} }
    'api.v1.transfers.store': { paramsTuple?: []; params?: {} }
    'api.v1.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.payment_authorisations.store': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read_all': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.notification_preferences.show': { paramsTuple?: []; params?: {} }
    'api.v1.notification_preferences.update': { paramsTuple?: []; params?: {} }
    'api.v1.consents.index': { paramsTuple?: []; params?: {} }
    'api.v1.consents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_products.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.store': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_applications.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_applications.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_applications.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'api.v1.loans.index': { paramsTuple?: []; params?: {} }
    'api.v1.loans.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.schedule': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.payoff_quote': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.repayments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.index': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.balances': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.account_access_consents.store': { paramsTuple?: []; params?: {} }
    'api.v1.account_access_consents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.account_access_consents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payment_consents.store': { paramsTuple?: []; params?: {} }
    'api.v1.domestic_payment_consents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payments.details': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payment_consents.funds_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payments.store': { paramsTuple?: []; params?: {} }
    'api.v1.event_subscriptions.store': { paramsTuple?: []; params?: {} }
    'api.v1.event_subscriptions.index': { paramsTuple?: []; params?: {} }
    'api.v1.event_subscriptions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.event_subscriptions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.event_subscriptions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.events.poll': { paramsTuple?: []; params?: {} }
    'api.docs': { paramsTuple?: []; params?: {} }
    'api.docs.viewer': { paramsTuple?: []; params?: {} }
    'consent.show': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'consent.sign_in': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'consent.decide': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'consent.cancel': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'backoffice.customers.index': { paramsTuple?: []; params?: {} }
    'backoffice.customers.create': { paramsTuple?: []; params?: {} }
    'backoffice.customers.store': { paramsTuple?: []; params?: {} }
    'backoffice.customers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.reveal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.kyc': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.payment_limits.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'backoffice.accounts.store': { paramsTuple?: []; params?: {} }
    'backoffice.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.freeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.unfreeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.transactions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.transactions.reverse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.teller.index': { paramsTuple?: []; params?: {} }
    'backoffice.teller.deposit': { paramsTuple?: []; params?: {} }
    'backoffice.teller.withdraw': { paramsTuple?: []; params?: {} }
    'backoffice.teller.transfer': { paramsTuple?: []; params?: {} }
    'backoffice.adjustments.create': { paramsTuple?: []; params?: {} }
    'backoffice.adjustments.store': { paramsTuple?: []; params?: {} }
    'backoffice.approvals.index': { paramsTuple?: []; params?: {} }
    'backoffice.approvals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.approvals.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.approvals.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.audit.index': { paramsTuple?: []; params?: {} }
    'backoffice.audit.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.audit.verify': { paramsTuple?: []; params?: {} }
    'backoffice.staff.index': { paramsTuple?: []; params?: {} }
    'backoffice.staff.create': { paramsTuple?: []; params?: {} }
    'backoffice.staff.store': { paramsTuple?: []; params?: {} }
    'backoffice.staff.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.role': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.reset_two_factor': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.profile.show': { paramsTuple?: []; params?: {} }
    'backoffice.profile.password': { paramsTuple?: []; params?: {} }
    'backoffice.profile.sign_out_others': { paramsTuple?: []; params?: {} }
    'backoffice.profile.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.create': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.store': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'backoffice.password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'backoffice.dev.mail.index': { paramsTuple?: []; params?: {} }
    'backoffice.dev.mail.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.queue.index': { paramsTuple?: []; params?: {} }
    'backoffice.queue.show': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'backoffice.queue.retry_failed': { paramsTuple: [ParamValue,ParamValue]; params: {'queue': ParamValue,'id': ParamValue} }
    'backoffice.queue.retry_dead': { paramsTuple: [ParamValue,ParamValue]; params: {'queue': ParamValue,'id': ParamValue} }
    'backoffice.queue.retry_all_dead': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'backoffice.risk.alerts.index': { paramsTuple?: []; params?: {} }
    'backoffice.risk.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.note': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.dismiss': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.escalate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.freeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.unfreeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.settle_hold': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.settings.show': { paramsTuple?: []; params?: {} }
    'backoffice.risk.settings.store': { paramsTuple?: []; params?: {} }
    'backoffice.partners.index': { paramsTuple?: []; params?: {} }
    'backoffice.partners.create': { paramsTuple?: []; params?: {} }
    'backoffice.partners.store': { paramsTuple?: []; params?: {} }
    'backoffice.partners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.partners.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.partners.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.partners.consents.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'consentId': ParamValue} }
    'backoffice.loan_products.index': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.create': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.store': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.retire': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.portfolio': { paramsTuple?: []; params?: {} }
    'backoffice.loans.portfolio_csv': { paramsTuple?: []; params?: {} }
    'backoffice.loans.index': { paramsTuple?: []; params?: {} }
    'backoffice.loans.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.notes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.disburse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.repayments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.write_off': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.repayments.reverse': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'repaymentId': ParamValue} }
    'backoffice.loans.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'backoffice.loans.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.exports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.exports.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'exportId': ParamValue} }
    'backoffice.customers.erasure.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.session.store': { paramsTuple?: []; params?: {} }
    'backoffice.session.destroy': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.verify': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.enrol': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'metrics': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.notification_preferences.show': { paramsTuple?: []; params?: {} }
    'api.v1.consents.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_products.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_applications.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'api.v1.loans.index': { paramsTuple?: []; params?: {} }
    'api.v1.loans.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.schedule': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.payoff_quote': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.index': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.balances': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.account_access_consents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payment_consents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payments.details': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payment_consents.funds_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.event_subscriptions.index': { paramsTuple?: []; params?: {} }
    'api.v1.event_subscriptions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.docs': { paramsTuple?: []; params?: {} }
    'api.docs.viewer': { paramsTuple?: []; params?: {} }
    'consent.show': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'backoffice.customers.index': { paramsTuple?: []; params?: {} }
    'backoffice.customers.create': { paramsTuple?: []; params?: {} }
    'backoffice.customers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'backoffice.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.transactions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.teller.index': { paramsTuple?: []; params?: {} }
    'backoffice.adjustments.create': { paramsTuple?: []; params?: {} }
    'backoffice.approvals.index': { paramsTuple?: []; params?: {} }
    'backoffice.approvals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.audit.index': { paramsTuple?: []; params?: {} }
    'backoffice.audit.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.index': { paramsTuple?: []; params?: {} }
    'backoffice.staff.create': { paramsTuple?: []; params?: {} }
    'backoffice.staff.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.profile.show': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.create': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'backoffice.dev.mail.index': { paramsTuple?: []; params?: {} }
    'backoffice.dev.mail.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.queue.index': { paramsTuple?: []; params?: {} }
    'backoffice.queue.show': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'backoffice.risk.alerts.index': { paramsTuple?: []; params?: {} }
    'backoffice.risk.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.settings.show': { paramsTuple?: []; params?: {} }
    'backoffice.partners.index': { paramsTuple?: []; params?: {} }
    'backoffice.partners.create': { paramsTuple?: []; params?: {} }
    'backoffice.partners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.index': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.create': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.portfolio': { paramsTuple?: []; params?: {} }
    'backoffice.loans.portfolio_csv': { paramsTuple?: []; params?: {} }
    'backoffice.loans.index': { paramsTuple?: []; params?: {} }
    'backoffice.loans.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'backoffice.loans.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.exports.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'exportId': ParamValue} }
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'metrics': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.transfers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.notifications.index': { paramsTuple?: []; params?: {} }
    'api.v1.notification_preferences.show': { paramsTuple?: []; params?: {} }
    'api.v1.consents.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_products.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.index': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_applications.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'api.v1.loans.index': { paramsTuple?: []; params?: {} }
    'api.v1.loans.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.schedule': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.payoff_quote': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.index': { paramsTuple?: []; params?: {} }
    'api.v1.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.balances': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.accounts.transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.account_access_consents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payment_consents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payments.details': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.domestic_payment_consents.funds_confirmation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.event_subscriptions.index': { paramsTuple?: []; params?: {} }
    'api.v1.event_subscriptions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.docs': { paramsTuple?: []; params?: {} }
    'api.docs.viewer': { paramsTuple?: []; params?: {} }
    'consent.show': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'backoffice.customers.index': { paramsTuple?: []; params?: {} }
    'backoffice.customers.create': { paramsTuple?: []; params?: {} }
    'backoffice.customers.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'backoffice.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.transactions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.teller.index': { paramsTuple?: []; params?: {} }
    'backoffice.adjustments.create': { paramsTuple?: []; params?: {} }
    'backoffice.approvals.index': { paramsTuple?: []; params?: {} }
    'backoffice.approvals.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.audit.index': { paramsTuple?: []; params?: {} }
    'backoffice.audit.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.index': { paramsTuple?: []; params?: {} }
    'backoffice.staff.create': { paramsTuple?: []; params?: {} }
    'backoffice.staff.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.profile.show': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.create': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'backoffice.dev.mail.index': { paramsTuple?: []; params?: {} }
    'backoffice.dev.mail.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.queue.index': { paramsTuple?: []; params?: {} }
    'backoffice.queue.show': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'backoffice.risk.alerts.index': { paramsTuple?: []; params?: {} }
    'backoffice.risk.alerts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.settings.show': { paramsTuple?: []; params?: {} }
    'backoffice.partners.index': { paramsTuple?: []; params?: {} }
    'backoffice.partners.create': { paramsTuple?: []; params?: {} }
    'backoffice.partners.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.index': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.create': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.portfolio': { paramsTuple?: []; params?: {} }
    'backoffice.loans.portfolio_csv': { paramsTuple?: []; params?: {} }
    'backoffice.loans.index': { paramsTuple?: []; params?: {} }
    'backoffice.loans.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'backoffice.loans.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.exports.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'exportId': ParamValue} }
    'backoffice.session.create': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.show': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.dashboard': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'api.v1.auth.tokens.store': { paramsTuple?: []; params?: {} }
    'api.v1.transfers.store': { paramsTuple?: []; params?: {} }
    'api.v1.payment_authorisations.store': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read_all': { paramsTuple?: []; params?: {} }
    'api.v1.notifications.read': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_applications.store': { paramsTuple?: []; params?: {} }
    'api.v1.loan_applications.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loan_applications.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.loans.repayments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.account_access_consents.store': { paramsTuple?: []; params?: {} }
    'api.v1.domestic_payment_consents.store': { paramsTuple?: []; params?: {} }
    'api.v1.domestic_payments.store': { paramsTuple?: []; params?: {} }
    'api.v1.event_subscriptions.store': { paramsTuple?: []; params?: {} }
    'api.v1.events.poll': { paramsTuple?: []; params?: {} }
    'consent.sign_in': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'consent.decide': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'consent.cancel': { paramsTuple: [ParamValue]; params: {'uid': ParamValue} }
    'backoffice.customers.store': { paramsTuple?: []; params?: {} }
    'backoffice.customers.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.reveal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.kyc': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.payment_limits.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.store': { paramsTuple?: []; params?: {} }
    'backoffice.accounts.freeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.unfreeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.accounts.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.transactions.reverse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.teller.deposit': { paramsTuple?: []; params?: {} }
    'backoffice.teller.withdraw': { paramsTuple?: []; params?: {} }
    'backoffice.teller.transfer': { paramsTuple?: []; params?: {} }
    'backoffice.adjustments.store': { paramsTuple?: []; params?: {} }
    'backoffice.approvals.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.approvals.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.audit.verify': { paramsTuple?: []; params?: {} }
    'backoffice.staff.store': { paramsTuple?: []; params?: {} }
    'backoffice.staff.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.role': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.staff.reset_two_factor': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.profile.password': { paramsTuple?: []; params?: {} }
    'backoffice.profile.sign_out_others': { paramsTuple?: []; params?: {} }
    'backoffice.profile.recovery_codes': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.store': { paramsTuple?: []; params?: {} }
    'backoffice.password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'backoffice.queue.retry_failed': { paramsTuple: [ParamValue,ParamValue]; params: {'queue': ParamValue,'id': ParamValue} }
    'backoffice.queue.retry_dead': { paramsTuple: [ParamValue,ParamValue]; params: {'queue': ParamValue,'id': ParamValue} }
    'backoffice.queue.retry_all_dead': { paramsTuple: [ParamValue]; params: {'queue': ParamValue} }
    'backoffice.risk.alerts.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.note': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.dismiss': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.escalate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.freeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.unfreeze': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.alerts.settle_hold': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.risk.settings.store': { paramsTuple?: []; params?: {} }
    'backoffice.partners.store': { paramsTuple?: []; params?: {} }
    'backoffice.partners.suspend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.partners.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.partners.consents.revoke': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'consentId': ParamValue} }
    'backoffice.loan_products.store': { paramsTuple?: []; params?: {} }
    'backoffice.loan_products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.retire': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loan_products.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.approve': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.reject': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.notes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.withdraw': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.disburse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.repayments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.write_off': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.repayments.reverse': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'repaymentId': ParamValue} }
    'backoffice.loans.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.loans.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.exports.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.customers.erasure.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'backoffice.session.store': { paramsTuple?: []; params?: {} }
    'backoffice.session.destroy': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.verify': { paramsTuple?: []; params?: {} }
    'backoffice.two_factor.enrol': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'api.v1.auth.tokens.destroy': { paramsTuple?: []; params?: {} }
    'api.v1.consents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.account_access_consents.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.event_subscriptions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'api.v1.notification_preferences.update': { paramsTuple?: []; params?: {} }
  }
  PATCH: {
    'api.v1.event_subscriptions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}