import { existsSync } from 'node:fs'
import { join, sep } from 'node:path'
import express, { Router } from 'express'

/** The page paths answered with the client's index.html (interface.md, "Pages"). */
export const pagePaths = [
  '/',
  '/reports/:id',
  '/reports/:id/history',
  '/reports/:id/diff',
  '/reports/:id/translation',
  '/reports/:id/review',
  '/import',
  '/admin',
]

/**
 * How long browsers keep the built files under `/assets/`: Vite names each after a hash of its
 * content, so a file of that name never changes and a new build makes new names. Kept a year and
 * marked immutable, a report opened again loads its code from the browser's cache without asking
 * (and Chromium reuses the code it compiled from it); index.html itself is revalidated every time.
 */
const assetCacheControl = `public, max-age=${365 * 24 * 60 * 60}, immutable`

/** Serves the built client from `clientDir`; page paths answer 503 while it is not built. */
export function staticClient(clientDir: string): Router {
  const router = Router()
  const index = join(clientDir, 'index.html')
  router.get(pagePaths, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).json({
        error: {
          code: 'client-not-built',
          message: 'The client is not built: run "npm run build" (or "npm start").',
        },
      })
      return
    }
    res.set('Cache-Control', 'no-cache').sendFile(index)
  })
  const assetsDir = join(clientDir, 'assets') + sep
  router.use(
    express.static(clientDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res, path) => {
        if (path.startsWith(assetsDir)) res.setHeader('Cache-Control', assetCacheControl)
      },
    }),
  )
  return router
}
