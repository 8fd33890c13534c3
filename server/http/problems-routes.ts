// What an admin needs to see about a report's storage: `GET /api/reports/:id/problems`.

import { Router } from 'express'
import { isSlug } from '../../schema/check.ts'
import { authenticate, requireRole } from '../auth/authenticate.ts'
import type { AppContext } from '../context.ts'
import { notFound } from '../errors.ts'

/**
 * `GET /api/reports/:id/problems` (admin): the stored updates that could not be applied when the
 * report was loaded, `{unreadableUpdates: [{seq, error}]}` (design.md: the report still opens
 * from the rest of its log; each one stays in the log for the admin to look at).
 */
export function problemsRoutes({ storage, registry }: AppContext): Router {
  const router = Router()
  router.get('/api/reports/:id/problems', authenticate(storage), requireRole('admin'), async (req, res) => {
    const id = String(req.params['id'])
    const unreadable = isSlug(id) ? await registry.with(id, (document) => document.unreadable) : undefined
    if (unreadable === undefined) throw notFound(`No report "${id}".`)
    res.json({ unreadableUpdates: unreadable.map(({ seq, error }) => ({ seq, error })) })
  })
  return router
}
