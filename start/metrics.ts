/*
|--------------------------------------------------------------------------
| Prometheus metrics of a web process (preloaded in the web environment)
|--------------------------------------------------------------------------
|
| The `process` label and the default Node metrics; in a web cluster
| (WEB_CONCURRENCY > 1) every worker joins the primary's aggregation at
| boot, before any scrape can reach it (app/services/metrics/cluster_metrics.ts).
| The worker (`queue:work`) and the batch commands set their own role.
| A bad METRICS_TOKEN or METRICS_ALLOWED_IPS stops the boot here, not at
| the first scrape.
*/

import { initProcessMetrics } from '#services/metrics/metrics'
import { joinClusterMetrics } from '#services/metrics/cluster_metrics'
import metricsConfig from '#config/metrics'

void metricsConfig.access

initProcessMetrics('web')
joinClusterMetrics()
