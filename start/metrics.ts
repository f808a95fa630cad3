/*
|--------------------------------------------------------------------------
| Prometheus metrics of a web process (preloaded in the web environment)
|--------------------------------------------------------------------------
|
| The `process` label and the default Node metrics; in a web cluster
| (WEB_CONCURRENCY > 1) every worker joins the primary's aggregation at
| boot, before any scrape can reach it (app/services/metrics/cluster_metrics.ts).
| The worker (`queue:work`) and the batch commands set their own role.
*/

import { initProcessMetrics } from '#services/metrics/metrics'
import { joinClusterMetrics } from '#services/metrics/cluster_metrics'

initProcessMetrics('web')
joinClusterMetrics()
