import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import UploadTooLargeException from '#exceptions/upload_too_large_exception'

/**
 * Reads the multipart body of a file-upload route (the bodyparser never
 * does, config/bodyparser.ts), streaming each file to the temp directory
 * with the route's own byte limit, then runs `handler` (validation and the
 * use case read `request.all()` / the files as usual). Every temporary
 * file is deleted afterwards, whether the handler moved it, failed or the
 * upload was aborted. Call it after authorization: nothing is read before.
 * Throws: UploadTooLarge (413) when the files exceed `limit`.
 */
export async function withUploadedFiles<T>(
  ctx: HttpContext,
  options: { limit: string | number },
  handler: () => Promise<T>
): Promise<T> {
  const written: string[] = []
  try {
    if (ctx.request.bodyType === 'multipart') {
      const multipart = ctx.request.multipart
      multipart.onFile('*', { deferValidations: true }, async (part, reportChunk) => {
        const tmpPath = join(tmpdir(), `strongroom-upload-${randomUUID()}`)
        written.push(tmpPath)
        try {
          part.pause()
          part.on('data', reportChunk)
          await pipeline(part, createWriteStream(tmpPath))
          return { tmpPath }
        } catch (error) {
          multipart.abort(error)
        }
      })
      try {
        await multipart.process({ limit: options.limit })
      } catch (error: any) {
        if (error?.code === 'E_REQUEST_ENTITY_TOO_LARGE') {
          throw new UploadTooLargeException(`The file is larger than ${options.limit}.`)
        }
        throw error
      }
    }
    return await handler()
  } finally {
    await Promise.all(written.map((path) => rm(path, { force: true })))
  }
}
