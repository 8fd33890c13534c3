import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

/** Vite build of the browser client: root `client/`, output `dist/client` at the repository root. */
export const clientConfig = defineConfig({
  root,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    // The CSP forbids inline scripts, and Vite's module-preload polyfill would otherwise be fine;
    // turning it off keeps the built page free of anything the CSP might object to.
    modulePreload: { polyfill: false },
    // ProseMirror + Yjs + Lit make one chunk of about 400 kB; the warning would only be noise.
    chunkSizeWarningLimit: 1000,
    sourcemap: true,
  },
})

// Vite loads the config file's default export; this is the one place a default export is needed.
export default clientConfig
