export const policies = {
  AccountPolicy: () => import('#policies/account_policy'),
  ApprovalPolicy: () => import('#policies/approval_policy'),
  AuditPolicy: () => import('#policies/audit_policy'),
  BackofficeBasePolicy: () => import('#policies/backoffice_base'),
  CustomerPolicy: () => import('#policies/customer_policy'),
  DashboardPolicy: () => import('#policies/dashboard_policy'),
  DevMailPolicy: () => import('#policies/dev_mail_policy'),
  LoanPolicy: () => import('#policies/loan_policy'),
  LoanPortfolioPolicy: () => import('#policies/loan_portfolio_policy'),
  LoanProductPolicy: () => import('#policies/loan_product_policy'),
  PartnerPolicy: () => import('#policies/partner_policy'),
  QueuePolicy: () => import('#policies/queue_policy'),
  RiskPolicy: () => import('#policies/risk_policy'),
  StaffPolicy: () => import('#policies/staff_policy'),
  TellerPolicy: () => import('#policies/teller_policy'),
  TransferPolicy: () => import('#policies/transfer_policy'),
}

