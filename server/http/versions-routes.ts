// Versions, diffs, restore and publish: `/api/reports/:id/{versions,diff,restore,publish}`.

import { Router } from 'express'
import { requestIp } from '../audit/audit-log.ts'
import { publishTarget, restoreTarget, versionName, type DiffAnswer } from '../../schema/api/versions.ts'
import { isSlug } from '../../schema/check.ts'
import { diffReports } from '../../schema/diff/report-diff.ts'
import { approvedBodies } from '../../schema/review.ts'
import type { Report } from '../../schema/report.ts'
import { fragmentName, metaKey } from '../../schema/ydoc.ts'
import { authenticate, principalOf, requireRole } from '../auth/authenticate.ts'
import type { ReportDocument } from '../collab/report-document.ts'
import type { AppContext } from '../context.ts'
import { badRequest, conflict, notFound } from '../errors.ts'
import { diffHtml } from '../versions/diff-html.ts'
import { reportAtSeq, reportAtVersion, reportNow, versionOf } from '../versions/report-at.ts'
import { versionJSON } from '../versions/version-json.ts'
import type { VersionKeeper } from '../versions/version-keeper.ts'
import { writeReportInto } from '../versions/write-report.ts'
import { withLiveReport } from './live-report.ts'
import { readBody } from './read-body.ts'

/** The routes of versions, diffs, restore and publish; `keeper` makes the versions. */
export function versionsRoutes({ storage, registry, audit }: AppContext, keeper: VersionKeeper): Router {
  const router = Router()
  router.use(
    ['/api/reports/:id/versions', '/api/reports/:id/diff', '/api/reports/:id/restore', '/api/reports/:id/publish'],
    authenticate(storage),
  )

  const withDocument = <T>(id: string, use: (document: ReportDocument) => Promise<T> | T): Promise<T> =>
    withLiveReport(registry, id, use)
  const knownReport = async (id: string): Promise<void> => {
    if (!isSlug(id) || (await storage.getReport(id)) === undefined) throw notFound(`No report "${id}".`)
  }

  router.get('/api/reports/:id/versions', async (req, res) => {
    await knownReport(req.params.id)
    res.json((await storage.listVersions(req.params.id)).map(versionJSON))
  })

  router.post('/api/reports/:id/versions', requireRole('editor', 'admin', 'translator'), async (req, res) => {
    const { name } = readBody(versionName, req.body)
    const { user } = principalOf(res)
    const version = await withDocument(String(req.params.id), (document) =>
      keeper.make(document, { kind: 'named', user: user.username, name }),
    )
    res.status(201).json(versionJSON(version!))
  })

  router.get('/api/reports/:id/versions/:vid', async (req, res) => {
    await knownReport(req.params.id)
    const { report, version } = await reportAtVersion(storage, req.params.id, req.params.vid)
    const { id, meta, actors, sections } = report
    res.json({ id, meta, actors, sections, version: versionJSON(version) })
  })

  router.get('/api/reports/:id/diff', async (req, res) => {
    const { id } = req.params
    await knownReport(id)
    const { from, to = 'current', format = 'json' } = req.query
    if (format !== 'json' && format !== 'html')
      throw badRequest('bad-format', 'format must be "html", or omitted for JSON.')
    if (from === undefined) throw badRequest('bad-version', 'from must name a version id, such as from=3.')
    const before = await reportAtVersion(storage, id, from)
    const after =
      to === 'current'
        ? { report: await reportNow(registry, id), version: undefined }
        : await reportAtVersion(storage, id, to)
    const diff = diffReports(before.report, after.report)
    if (format === 'html') {
      const label = (version: typeof before.version | undefined) =>
        version === undefined
          ? 'current'
          : `version ${version.id}${version.name ? ` “${version.name}”` : ''} (${version.kind}, ${new Date(version.createdAt).toISOString()})`
      res
        .type('html')
        .send(diffHtml(diff, after.report.meta.title.es || id, label(before.version), label(after.version)))
      return
    }
    res.json({
      from: versionJSON(before.version),
      to: after.version ? versionJSON(after.version) : { id: 'current' },
      sections: [...diff.sections],
    } satisfies DiffAnswer)
  })

  router.post('/api/reports/:id/restore', requireRole('editor', 'admin'), async (req, res) => {
    const id = String(req.params.id)
    await knownReport(id)
    const target = await versionOf(storage, id, readBody(restoreTarget, req.body).version)
    const old = await reportAtSeq(storage, id, target.seq)
    const { user } = principalOf(res)
    const result = await withDocument(id, async (document) => {
      // An approved body is read-only for everyone, restores included: reopen it first.
      const changedApproved = approvedChangedBy(document, old)
      if (changedApproved.length > 0) {
        throw conflict(
          'section-approved',
          `Restoring version ${target.id} would change ${changedApproved.join(', ')}, approved and read-only: an editor reopens ${changedApproved.length === 1 ? 'it' : 'them'} first.`,
        )
      }
      const before = await keeper.make(document, { kind: 'auto', user: 'system', always: true })
      await document.applyServerChange(user.username, (doc) => writeReportInto(doc, old))
      const version = await keeper.make(document, {
        kind: 'restore',
        user: user.username,
        name: `Restored version ${target.id}`,
      })
      return { version: versionJSON(version!), before: versionJSON(before!) }
    })
    await audit.record({
      kind: 'restore',
      user: user.username,
      ip: requestIp(req),
      report: id,
      detail: `restored version ${target.id} as version ${result.version.id}`,
    })
    res.status(201).json(result)
  })

  router.post('/api/reports/:id/publish', requireRole('editor', 'admin'), async (req, res) => {
    const id = String(req.params.id)
    await knownReport(id)
    const { version: requested, reason } = readBody(publishTarget, req.body)
    const target = requested === undefined ? undefined : await versionOf(storage, id, requested)
    const old = target === undefined ? undefined : await reportAtSeq(storage, id, target.seq)
    const { user } = principalOf(res)
    const version = await withDocument(id, async (document) => {
      const unapproved = notApprovedIn(document, old)
      if (unapproved.length > 0 && reason === undefined)
        throw conflict(
          'not-approved',
          `${unapproved.length} section ${unapproved.length === 1 ? 'body is' : 'bodies are'} not approved (${unapproved.slice(0, 6).join(', ')}${unapproved.length > 6 ? ', …' : ''}): approve ${unapproved.length === 1 ? 'it' : 'them'} first, or publish with a reason, which is kept with the version.`,
        )
      const request = {
        kind: 'published' as const,
        user: user.username,
        ...(unapproved.length > 0 && { reason }),
      }
      const published =
        target === undefined ? await keeper.make(document, request) : await keeper.pointAt(document, target, request)
      await document.applyServerChange(user.username, (doc) => {
        if (doc.getMap<unknown>(metaKey).get('status') !== 'published')
          doc.getMap<unknown>(metaKey).set('status', 'published')
      })
      await storage.setReportStatus(id, 'published')
      return published!
    })
    await audit.record({
      kind: 'publish',
      user: user.username,
      ip: requestIp(req),
      report: id,
      detail: `published version ${version.id}`,
    })
    res.status(201).json(versionJSON(version))
  })
  return router
}

/**
 * The bodies (`es/<id>`, `en/<id>`) of the report to publish (`report`, a version's, or the live
 * document's when undefined) that are not approved: not approved now, or, for an old version,
 * different from the approved body now. Decision: sign-off is a state of the live document, so a
 * version counts as approved only where it holds what was approved.
 */
function notApprovedIn(document: ReportDocument, report: Report | undefined): string[] {
  const approved = approvedBodies(document.doc)
  const now = new Map(document.report().sections.map((section) => [section.id, section]))
  const missing: string[] = []
  for (const section of (report ?? document.report()).sections) {
    for (const language of ['es', 'en'] as const) {
      const root = fragmentName(language, section.id)
      const same =
        report === undefined || JSON.stringify(now.get(section.id)?.[language]) === JSON.stringify(section[language])
      if (!approved.has(root) || !same) missing.push(root)
    }
  }
  return missing
}

/** The approved bodies (`es/<id>`, `en/<id>`) that writing `report` into `document` would change. */
function approvedChangedBy(document: ReportDocument, report: Report): string[] {
  const approved = approvedBodies(document.doc)
  if (approved.size === 0) return []
  const now = new Map(document.report().sections.map((section) => [section.id, section]))
  const then = new Map(report.sections.map((section) => [section.id, section]))
  return [...approved]
    .filter((root) => {
      const [language, id] = root.split('/') as ['es' | 'en', string]
      return (
        fragmentName(language, id) === root &&
        JSON.stringify(now.get(id)?.[language] ?? null) !== JSON.stringify(then.get(id)?.[language] ?? null)
      )
    })
    .sort()
}
