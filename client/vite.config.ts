import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * `main.ts` opens the report's connection and then imports the application (`app/cotejo-app.ts`),
 * which Rollup puts in a chunk of its own. Without a hint, the browser would ask for that chunk
 * only once `main.ts` has run; this adds `<link rel="modulepreload">` for it (and the chunks it
 * imports) to index.html, so it downloads and compiles alongside the entry.
 */
function preloadApplicationChunk(): Plugin {
  return {
    name: 'cotejo-preload-application-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle
        if (!bundle) return []
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk')
        const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/client/app/cotejo-app.ts'))
        if (!app) throw new Error('The application chunk (client/app/cotejo-app.ts) is missing from the build')
        const entry = chunks.find((chunk) => chunk.isEntry)
        const files = [app.fileName, ...app.imports.filter((file) => file !== entry?.fileName)]
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}

/** Vite build of the browser client: root `client/`, output `dist/client` at the repository root. */
export const clientConfig = defineConfig({
  root,
  base: '/',
  plugins: [preloadApplicationChunk()],
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
