import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/** Vite build of the bare prosemirror-view reference page into `bench/browser/dist`. */
export const bareConfig = defineConfig({
  root: fileURLToPath(new URL('./bare', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
})

// Vite loads the config file's default export.
export default bareConfig
