// `GET /api/audit` (admin only): the audit log, newest first, filtered, as pages of JSON or as CSV.

import { Router } from 'express'
import {
  auditCsvColumns,
  auditQuery,
  defaultAuditPage,
  maxAuditPage,
  parseAuditTime,
  type AuditEntryJSON,
  type AuditKind,
  type AuditPageJSON,
} from '../../schema/api/audit.ts'
import { authenticate, requireRole } from '../auth/authenticate.ts'
import type { AppContext } from '../context.ts'
import type { AuditQuery, AuditRecord } from '../storage/storage.ts'
import { readBody } from './read-body.ts'

/** The entry as the API answers it. */
function entryJSON(entry: AuditRecord): AuditEntryJSON {
  return {
    id: entry.id,
    time: new Date(entry.time).toISOString(),
    kind: entry.kind,
    user: entry.user,
    ip: entry.ip,
    ...(entry.report !== undefined && { report: entry.report }),
    ...(entry.target !== undefined && { target: entry.target }),
    detail: entry.detail,
  }
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. A
 * field a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first: a username or detail
 * typed by someone) is prefixed with `'`, so opening the export cannot run what a user typed.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The CSV line of `entry` (CRLF-terminated, as RFC 4180 says). */
function csvLine(entry: AuditEntryJSON): string {
  return `${auditCsvColumns.map((column) => csvField(String(entry[column] ?? ''))).join(',')}\r\n`
}

/** `GET /api/audit`. */
export function auditRoutes({ storage }: AppContext): Router {
  const router = Router()
  router.get('/api/audit', authenticate(storage), requireRole('admin'), async (req, res) => {
    const asked = readBody(auditQuery, req.query)
    const query: AuditQuery = {
      ...(asked.kind !== undefined && { kinds: asked.kind.split(',').map((kind) => kind.trim() as AuditKind) }),
      ...(asked.user !== undefined && asked.user !== '' && { user: asked.user }),
      ...(asked.report !== undefined && asked.report !== '' && { report: asked.report }),
      ...(asked.from !== undefined && { from: parseAuditTime(asked.from) }),
      // A date alone means the whole of that day (UTC).
      ...(asked.to !== undefined && {
        to: parseAuditTime(asked.to) + (/^\d{4}-\d{2}-\d{2}$/.test(asked.to) ? 86_399_999 : 0),
      }),
      ...(asked.before !== undefined && { before: Number(asked.before) }),
      limit: asked.limit !== undefined ? Number(asked.limit) : defaultAuditPage,
    }
    if (asked.format === 'csv') {
      // The export holds every matching entry, read a page at a time so memory stays bounded.
      res.type('text/csv; charset=utf-8').attachment('audit.csv')
      res.write(`${auditCsvColumns.join(',')}\r\n`)
      let before = query.before
      for (;;) {
        const page = await storage.listAuditEntries({
          ...query,
          ...(before !== undefined && { before }),
          limit: maxAuditPage,
        })
        res.write(page.map((entry) => csvLine(entryJSON(entry))).join(''))
        if (page.length < maxAuditPage) break
        before = page.at(-1)!.id
      }
      res.end()
      return
    }
    // One more than asked tells whether there is a next page.
    const entries = await storage.listAuditEntries({ ...query, limit: query.limit + 1 })
    const page = entries.slice(0, query.limit)
    res.json({
      entries: page.map(entryJSON),
      ...(entries.length > query.limit && { next: page.at(-1)!.id }),
    } satisfies AuditPageJSON)
  })
  return router
}
