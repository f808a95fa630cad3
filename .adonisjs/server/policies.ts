export const policies = {
  DashboardPolicy: () => import('#policies/dashboard_policy'),
  TransferPolicy: () => import('#policies/transfer_policy'),
}

