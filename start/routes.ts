/*
|--------------------------------------------------------------------------
| Routes, split by audience
|--------------------------------------------------------------------------
*/

import '#start/routes/health'
import '#start/routes/metrics'
import '#start/routes/api_v1'
import '#start/routes/api_docs'
import '#start/routes/consent'
import '#start/routes/backoffice'
import '#start/routes/backoffice/customers'
import '#start/routes/backoffice/accounts'
import '#start/routes/backoffice/approvals'
import '#start/routes/backoffice/audit'
import '#start/routes/backoffice/staff'
import '#start/routes/backoffice/profile'
import '#start/routes/backoffice/dev_mail'
import '#start/routes/backoffice/queue'
import '#start/routes/backoffice/risk_alerts'
import '#start/routes/backoffice/risk_settings'
import '#start/routes/backoffice/partners'
import '#start/routes/backoffice/loan_products'
import '#start/routes/backoffice/loan_portfolio'
import '#start/routes/backoffice/loans'
