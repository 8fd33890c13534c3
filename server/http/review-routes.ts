// Sign-off per section and language: `POST /api/reports/:id/sections/:sid/review`; the review
// dashboard's rows: `GET /api/reports/:id/review`.

import { Router } from 'express'
import { reviewRequest } from '../../schema/api/review.ts'
import { isSlug } from '../../schema/check.ts'
import { reviewOf, reviewStep, writeReview } from '../../schema/review.ts'
import { sectionsOf } from '../../schema/ydoc.ts'
import { authenticate, principalOf } from '../auth/authenticate.ts'
import type { AppContext } from '../context.ts'
import { reviewDashboard } from '../versions/review-dashboard.ts'
import type { TranslationTracker } from '../versions/translation-tracker.ts'
import { conflict, forbidden, notFound } from '../errors.ts'
import { withLiveReport } from './live-report.ts'
import { readBody } from './read-body.ts'

/**
 * Moves a body's sign-off (`schema/review.ts` says who may do what from which state). The new
 * state is a server change like a restore: stored, then shown live in every browser; from
 * "approved" on, the guard refuses every change to that body (4403) until an editor reopens it.
 */
export function reviewRoutes({ storage, registry }: AppContext, tracker: TranslationTracker): Router {
  const router = Router()
  router.get('/api/reports/:id/review', authenticate(storage), async (req, res) => {
    const id = String(req.params.id)
    const dashboard = await withLiveReport(registry, id, async (document) => {
      // The translation records of every stored change first, as the translation page reads them.
      await tracker.idle(document)
      return reviewDashboard(storage, document, await storage.listBlockStates(id))
    })
    res.json(dashboard)
  })
  // One review action at a time per report: the next one reads the state the previous one wrote
  // (a server change is in the live document only once stored). Across several instances two
  // actions may still cross; the later write wins and both are in the log.
  const queues = new Map<string, Promise<unknown>>()
  const oneAtATime = <T>(id: string, run: () => Promise<T>): Promise<T> => {
    const next = (queues.get(id) ?? Promise.resolve()).then(run, run)
    const settled = next.then(
      () => undefined,
      () => undefined,
    )
    queues.set(id, settled)
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id)
    })
    return next
  }
  router.post('/api/reports/:id/sections/:sid/review', authenticate(storage), async (req, res) => {
    const id = String(req.params.id)
    const sid = String(req.params.sid)
    const { lang, action } = readBody(reviewRequest, req.body)
    const { user } = principalOf(res)
    const outcome = isSlug(id)
      ? await oneAtATime(id, () =>
          registry.with(id, async (document) => {
            const section = sectionsOf(document.doc).find((entry) => entry.id === sid)
            if (section === undefined) throw notFound(`No section "${sid}" in the report "${id}".`)
            const step = reviewStep(reviewOf(document.doc, lang, sid).state, action, user, section.actor)
            if (typeof step === 'object')
              throw step.kind === 'forbidden' ? forbidden(step.message) : conflict('review-state', step.message)
            const review = { state: step, by: user.username, at: Date.now() }
            await document.applyServerChange(user.username, (doc) => writeReview(doc, lang, sid, review))
            return review
          }),
        )
      : undefined
    if (outcome === undefined) throw notFound(`No report "${id}".`)
    res.json({ section: sid, lang, review: outcome })
  })
  return router
}
