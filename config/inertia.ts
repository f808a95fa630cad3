import { defineConfig } from '@adonisjs/inertia'

/**
 * Inertia (React) for the staff backoffice. The root Edge template
 * renders the HTML shell; pages live in inertia/pages.
 */
const inertiaConfig = defineConfig({
  rootView: 'inertia_layout',

  /**
   * Staff pages carry customer PII: keep it out of readable history state.
   */
  encryptHistory: true,

  ssr: {
    enabled: false,
    entrypoint: 'inertia/ssr.tsx',
  },
})

export default inertiaConfig
