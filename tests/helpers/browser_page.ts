import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import app from '@adonisjs/core/services/app'

/** A full-page screenshot under tmp/screenshots/<name>.png, for looking at what a browser test saw */
export async function shot(page: Page, name: string) {
  await mkdir(app.makePath('tmp/screenshots'), { recursive: true })
  await page.screenshot({ path: app.makePath(`tmp/screenshots/${name}.png`), fullPage: true })
}

/** JS errors, CSP violations and 4xx/5xx responses of the page: a broken page must fail the test, not only look broken */
export function watchErrors(page: Page) {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
  })
  return errors
}
