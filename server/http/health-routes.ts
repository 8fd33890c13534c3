import { Router } from 'express'
import type { AppContext } from '../context.ts'

/** `GET /healthz` (the process serves) and `GET /readyz` (storage answers). */
export function healthRoutes({ storage, log }: AppContext): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  router.get('/readyz', async (_req, res) => {
    try {
      await storage.ping()
      res.json({ ok: true })
    } catch (error) {
      log(`readiness check failed: ${error instanceof Error ? error.message : String(error)}`)
      res.status(503).json({ error: { code: 'storage-unavailable', message: 'The storage does not answer.' } })
    }
  })
  return router
}
