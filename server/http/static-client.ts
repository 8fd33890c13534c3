import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { Router } from 'express'

/** The page paths answered with the client's index.html (interface.md, "Pages"). */
export const pagePaths = ['/', '/reports/:id', '/reports/:id/history', '/reports/:id/diff', '/reports/:id/translation']

/** Serves the built client from `clientDir`; page paths answer 503 while it is not built. */
export function staticClient(clientDir: string): Router {
  const router = Router()
  const index = join(clientDir, 'index.html')
  router.get(pagePaths, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).json({ error: { code: 'client-not-built', message: 'The client is not built: run "npm run build" (or "npm start").' } })
      return
    }
    res.set('Cache-Control', 'no-cache').sendFile(index)
  })
  router.use(express.static(clientDir, { index: false, fallthrough: true }))
  return router
}
