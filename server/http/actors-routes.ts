// The actors registry of a report, changed on the live document as a server change
// (`collab/server-change.ts`): every open editor sees the new names at once, and the change is in
// the log and the versions like any other.

import { Router } from 'express'
import type * as Y from 'yjs'
import { actorPatch, newActor, type ActorJSON } from '../../schema/api/actors.ts'
import { actorsKey, actorsOf, actorToYMap } from '../../schema/ydoc.ts'
import { requestIp } from '../audit/audit-log.ts'
import { authenticate, principalOf, requireRole } from '../auth/authenticate.ts'
import type { ReportDocument } from '../collab/report-document.ts'
import type { AppContext } from '../context.ts'
import { conflict, notFound } from '../errors.ts'
import { withLiveReport } from './live-report.ts'
import { readBody } from './read-body.ts'

/** `GET/POST /api/reports/:id/actors`, `PATCH /api/reports/:id/actors/:actor`. */
export function actorsRoutes({ storage, registry, audit }: AppContext): Router {
  const router = Router()
  router.use('/api/reports/:id/actors', authenticate(storage))

  const withDocument = <T>(id: string, use: (document: ReportDocument) => Promise<T> | T): Promise<T> =>
    withLiveReport(registry, id, use)
  const actorOf = (document: ReportDocument, actor: string): ActorJSON | undefined =>
    actorsOf(document.doc).find((entry) => entry.id === actor)

  router.get('/api/reports/:id/actors', async (req, res) => {
    res.json(await withDocument(String(req.params.id), (document) => actorsOf(document.doc)))
  })

  // Editors may change the registry through the document already (schema/roles.ts, mayEditOutline).
  router.post('/api/reports/:id/actors', requireRole('admin', 'editor'), async (req, res) => {
    const actor = readBody(newActor, req.body)
    const id = String(req.params.id)
    const { user } = principalOf(res)
    await withDocument(id, async (document) => {
      if (actorOf(document, actor.id) !== undefined)
        throw conflict('actor-exists', `The report already has an actor "${actor.id}".`)
      await document.applyServerChange(user.username, (doc) =>
        doc.getMap<Y.Map<string>>(actorsKey).set(actor.id, actorToYMap(actor)),
      )
    })
    await audit.record({
      kind: 'actor-added',
      user: user.username,
      ip: requestIp(req),
      report: id,
      target: actor.id,
      detail: `added ${actor.acronym.en} (${actor.name.en})`,
    })
    res.status(201).json(actor satisfies ActorJSON)
  })

  router.patch('/api/reports/:id/actors/:actor', requireRole('admin', 'editor'), async (req, res) => {
    const patch = readBody(actorPatch, req.body)
    const id = String(req.params.id)
    const actorId = String(req.params.actor)
    const { user } = principalOf(res)
    const { before, after } = await withDocument(id, async (document) => {
      const before = actorOf(document, actorId)
      if (before === undefined) throw notFound(`The report has no actor "${actorId}".`)
      const after: ActorJSON = {
        id: actorId,
        name: { ...before.name, ...patch.name },
        acronym: { ...before.acronym, ...patch.acronym },
      }
      await document.applyServerChange(user.username, (doc) => {
        const entry = doc.getMap<Y.Map<string>>(actorsKey).get(actorId)!
        // Key by key, and only what differs: a rename does not rewrite what it leaves alone.
        const values = {
          name_es: after.name.es,
          name_en: after.name.en,
          acronym_es: after.acronym.es,
          acronym_en: after.acronym.en,
        }
        for (const [key, value] of Object.entries(values)) if (entry.get(key) !== value) entry.set(key, value)
      })
      return { before, after }
    })
    const changes = (['name', 'acronym'] as const).flatMap((field) =>
      (['es', 'en'] as const)
        .filter((language) => before[field][language] !== after[field][language])
        .map((language) => `${field}_${language} "${before[field][language]}" → "${after[field][language]}"`),
    )
    if (changes.length > 0)
      await audit.record({
        kind: 'actor-changed',
        user: user.username,
        ip: requestIp(req),
        report: id,
        target: actorId,
        detail: changes.join('; '),
      })
    res.json(after)
  })
  return router
}
