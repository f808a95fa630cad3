import './css/app.css'
import { createRoot } from 'react-dom/client'
import { createInertiaApp, type ResolvedComponent } from '@inertiajs/react'
import { resolvePageComponent } from '@adonisjs/inertia/helpers'

const appName = 'Strongroom Backoffice'

createInertiaApp({
  title: (title) => (title ? `${title} · ${appName}` : appName),
  resolve: (name) => {
    return resolvePageComponent<ResolvedComponent>(
      `./pages/${name}.tsx`,
      import.meta.glob<ResolvedComponent>('./pages/**/*.tsx')
    )
  },
  setup({ el, App, props }) {
    createRoot(el).render(<App {...props} />)
  },
  /**
   * The progress bar injects an inline <style>, which the CSP forbids;
   * its styles live in css/app.css instead.
   */
  progress: {
    color: '#1d4ed8',
    includeCSS: false,
  },
})
