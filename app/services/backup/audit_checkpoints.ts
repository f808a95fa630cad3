import drive from '@adonisjs/drive/services/main'
import auditConfig from '#config/audit'
import { CHECKPOINT_PREFIX } from '#actions/audit/write_audit_checkpoint'

/**
 * The newest signed audit checkpoint (`node ace audit:checkpoint`) written
 * at or before `until`, as a key on the checkpoint disk, or null. A drill
 * checks the copy against it: a copy recovered to a point in time must
 * still hold the exact chain every earlier checkpoint signed.
 */
export async function newestCheckpointBefore(until: Date): Promise<string | null> {
  /* keys are `audit-checkpoints/2026-12-04T150102Z-block-7.json`: the name sorts by time */
  const stamp = until.toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z')
  try {
    const listing = await drive.use(auditConfig.checkpointDisk).listAll(CHECKPOINT_PREFIX, { recursive: false })
    const keys: string[] = []
    for (const object of listing.objects) if (object.isFile) keys.push(object.key)
    return keys.filter((key) => key.split('/').pop()!.slice(0, stamp.length) <= stamp).sort().at(-1) ?? null
  } catch {
    return null
  }
}
