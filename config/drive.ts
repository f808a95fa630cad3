import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * File storage. The local "fs" disk keeps files under storage/drive
 * (gitignored); they are private: never served as static URLs, only
 * streamed by the backoffice after a policy check. Customers' files (KYC
 * and loan documents) are written to the disk of the customer's residency
 * region instead (#services/residency/region_drive, roots from
 * config/residency.ts); documents stored here before regions existed are
 * still read from this disk as a fallback. The audit checkpoints stay here.
 */
const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK', 'fs'),

  services: {
    fs: services.fs({
      location: app.makePath('storage/drive'),
      serveFiles: false,
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
