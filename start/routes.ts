/*
|--------------------------------------------------------------------------
| Routes, split by audience
|--------------------------------------------------------------------------
*/

import '#start/routes/health'
import '#start/routes/api_v1'
import '#start/routes/backoffice'
