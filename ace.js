/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Registers the TypeScript execution hook, then boots bin/console.ts.
|
*/

import '@poppinss/ts-exec'

await import('./bin/console.js')
