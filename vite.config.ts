import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    react(),
    adonisjs({
      /**
       * The staff backoffice (Inertia + React) is the only entry point.
       */
      entryPoints: ['inertia/app.tsx'],

      /**
       * Paths to watch and reload the browser on file change
       */
      reload: ['resources/views/**/*.edge'],
    }),
  ],

  resolve: {
    alias: {
      '~/': `${import.meta.dirname}/inertia/`,
    },
  },

  server: {
    /**
     * Tests render pages through the dev server without HMR: no websocket
     * port to collide with other test runs.
     */
    ws: process.env.NODE_ENV === 'test' ? false : undefined,
    watch: {
      ignored: ['**/storage/**', '**/tmp/**'],
    },
  },
})
