import { chromium } from 'playwright-core'

/**
 * Debian's Chromium (apt-get install chromium), headless. Used by the
 * browser suite only (tests/bootstrap.ts registers the browser client with
 * runInSuites: ['browser']); nothing is downloaded by Playwright.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}
