import { requestIp } from '../audit/audit-log.ts'
import { reviewOf } from '../../schema/review.ts'
import { Router, type Request } from 'express'
import multer from 'multer'
import { importFields, type ImportAnswer, type ImportPreview, type ReportSummary } from '../../schema/api/reports.ts'
import { isSlug } from '../../schema/check.ts'
import { importRoles } from '../../schema/roles.ts'
import { reportToDocx } from '../../schema/export/report-docx.ts'
import { reportToHtml } from '../../schema/export/report-html.ts'
import type { ImportInput } from '../../schema/import/types.ts'
import { authenticate, principalOf, requireRole } from '../auth/authenticate.ts'
import { maxUploadBytes } from '../config.ts'
import type { AppContext } from '../context.ts'
import { badRequest, notFound } from '../errors.ts'
import { importAndStore, previewImport } from '../importer.ts'
import { exportedVersion } from '../versions/report-at.ts'
import { logEvent } from '../log.ts'
import { readBody } from './read-body.ts'

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: maxUploadBytes, files: 2, fields: 4, fieldSize: 1024 },
}).fields([
  { name: 'es', maxCount: 1 },
  { name: 'en', maxCount: 1 },
])

function importInput(req: Request): ImportInput {
  const fields = readBody(importFields, req.body)
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[] | undefined>
  const input: { -readonly [K in keyof ImportInput]: ImportInput[K] } = {}
  if (fields.id !== undefined) input.id = fields.id
  if (fields.kind !== undefined) input.kind = fields.kind
  for (const language of ['es', 'en'] as const) {
    const file = files[language]?.[0]
    const text = fields[language]
    if (file !== undefined) input[language] = new Uint8Array(file.buffer)
    else if (text !== undefined) input[language] = text
  }
  return input
}

/**
 * Whether `POST /api/reports/import` only previews (`?preview=1` or `true`). A preview is the same
 * route, body and checks with nothing stored, rather than a route of its own, so the two cannot
 * drift apart: the same roles, upload limits and 422/409 answers, and the page sends one form to
 * both. Nothing is kept between the preview and the import (the files are sent again, at most
 * 8 MiB each): a server-side draft would be state to expire, secure and clean up, for a saving of
 * one upload. Throws 400 `bad-preview` for any other value, so a typo never stores a report.
 */
function isPreview(value: unknown): boolean {
  if (value === undefined) return false
  if (value === '1' || value === 'true') return true
  throw badRequest('bad-preview', 'preview must be "1" (or "true") to preview the import without storing it.')
}

/** `GET /api/reports`, `POST /api/reports/import` (`?preview=1`: what it would create, nothing stored), `GET /api/reports/:id`, `GET /api/reports/:id/export`. */
export function reportsRoutes({ storage, registry, log, audit }: AppContext): Router {
  const router = Router()
  router.use('/api/reports', authenticate(storage))

  router.get('/api/reports', async (_req, res) => {
    const reports = await storage.listReports()
    res.json(reports.map(({ id, title, kind, status }): ReportSummary => ({ id, title, kind, status })))
  })

  router.post(
    '/api/reports/import',
    requireRole(...importRoles),
    (req, res, next) => {
      if (req.is('multipart/form-data')) upload(req, res, next)
      else next()
    },
    async (req, res) => {
      const preview = isPreview(req.query.preview)
      const input = importInput(req)
      if (preview) {
        res.json((await previewImport(storage, input)) satisfies ImportPreview)
        return
      }
      const { id, warnings } = await importAndStore(storage, input)
      logEvent(log, {
        level: 'info',
        event: 'import',
        report: id,
        user: principalOf(res).user.username,
        message: `imported ${id} (${warnings.length} warnings)`,
      })
      await audit.record({
        kind: 'import',
        user: principalOf(res).user.username,
        ip: requestIp(req),
        report: id,
        detail: `imported (${warnings.length} warning${warnings.length === 1 ? '' : 's'})`,
      })
      res.status(201).json({ id, warnings } satisfies ImportAnswer)
    },
  )

  const reportNow = async (id: string) => {
    const report = isSlug(id) ? await registry.with(id, (document) => document.report()) : undefined
    if (report === undefined) throw notFound(`No report "${id}".`)
    return report
  }

  router.get('/api/reports/:id', async (req, res) => {
    const id = req.params.id
    // Each section with its sign-off per language (`schema/review.ts`), read from the same document.
    const now = isSlug(id)
      ? await registry.with(id, (document) => {
          const { meta, actors, sections } = document.report()
          const review = (sectionId: string) => ({
            es: reviewOf(document.doc, 'es', sectionId),
            en: reviewOf(document.doc, 'en', sectionId),
          })
          return { id, meta, actors, sections: sections.map((section) => ({ ...section, review: review(section.id) })) }
        })
      : undefined
    if (now === undefined) throw notFound(`No report "${id}".`)
    res.json(now)
  })

  router.get('/api/reports/:id/export', async (req, res) => {
    const { format = 'html', lang = 'both', version } = req.query
    if (format !== 'html' && format !== 'docx') throw badRequest('bad-format', 'format must be "html" or "docx".')
    if (lang !== 'es' && lang !== 'en' && lang !== 'both')
      throw badRequest('bad-language', 'lang must be "es", "en" or "both".')
    const report =
      version === undefined ? await reportNow(req.params.id) : await exportedVersion(storage, req.params.id, version)
    const subtitle =
      version === undefined ? {} : { subtitle: `Versión ${String(version)} · Version ${String(version)}` }
    if (format === 'docx') {
      res
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .attachment(
          `${report.id}${version === undefined ? '' : `-v${String(version)}`}${lang === 'both' ? '' : `.${lang}`}.docx`,
        )
        .send(Buffer.from(await reportToDocx(report, { language: lang, ...subtitle })))
      return
    }
    res.type('html').send(reportToHtml(report, { language: lang, ...subtitle }))
  })
  return router
}
