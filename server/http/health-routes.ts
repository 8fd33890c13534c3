import { Router } from 'express'
import type { AppContext } from '../context.ts'
import { logEvent } from '../log.ts'

/** How long /readyz waits for storage before calling it unavailable: a load balancer asks every few seconds. */
const storagePingTimeoutMs = 2_000

/**
 * `GET /healthz` (the process serves) and `GET /readyz`: 200 when storage answers and, with
 * several instances, Redis is connected; 503 naming what is down otherwise. An instance without
 * Redis still serves its own clients correctly (updates are stored before anyone sees them), but
 * its clients do not see the other instances' edits live, so it should not receive new ones.
 */
export function healthRoutes({ storage, bus, log }: AppContext): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  router.get('/readyz', async (_req, res) => {
    let storageState: 'ok' | 'unavailable' = 'ok'
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        storage.ping(),
        new Promise(
          (_resolve, reject) =>
            (timer = setTimeout(
              () => reject(new Error(`no answer within ${storagePingTimeoutMs} ms`)),
              storagePingTimeoutMs,
            )),
        ),
      ])
    } catch (error) {
      storageState = 'unavailable'
      logEvent(log, { level: 'error', event: 'readiness', message: 'readiness check: storage failed', error })
    } finally {
      clearTimeout(timer)
    }
    const redis = bus === undefined ? 'not-used' : bus.status === 'connected' ? 'ok' : 'unavailable'
    const checks = { storage: storageState, redis }
    if (storageState === 'ok' && redis !== 'unavailable') {
      res.json({ ok: true, checks })
      return
    }
    const code = storageState !== 'ok' ? 'storage-unavailable' : 'redis-unavailable'
    const message =
      storageState !== 'ok'
        ? 'The storage does not answer.'
        : 'Redis is not connected: edits from other instances do not arrive live.'
    res.status(503).json({ error: { code, message }, checks })
  })
  return router
}
