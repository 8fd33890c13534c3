import { Router } from 'express'
import { principalFor, requestToken } from '../auth/authenticate.ts'
import type { AppContext } from '../context.ts'
import { forbidden, unauthorized, passwordChangeRequired } from '../errors.ts'
import type { ServerMetrics } from '../metrics.ts'
import { clientAddress } from './forwarded.ts'

/** Addresses of this machine: a scraper running beside the server needs no account. */
function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')
}

/**
 * `GET /metrics`: Prometheus text, for an admin or a scraper on this machine. Behind proxies the
 * client's address is the forwarded one (`TRUST_PROXY`), so a request the proxy relays from
 * outside is not taken for a local one.
 */
export function metricsRoutes({ storage, trustProxy }: AppContext, metrics: ServerMetrics): Router {
  const router = Router()
  router.get('/metrics', async (req, res) => {
    if (!isLoopback(clientAddress(req, trustProxy))) {
      const principal = await principalFor(storage, requestToken(req))
      if (principal === undefined) throw unauthorized()
      if (principal.user.mustChangePassword) throw passwordChangeRequired()
      if (principal.user.role !== 'admin')
        throw forbidden("Metrics are for admins, or for a scraper on the server's own machine.")
    }
    res.type('text/plain; version=0.0.4; charset=utf-8').send(await metrics.text())
  })
  return router
}
