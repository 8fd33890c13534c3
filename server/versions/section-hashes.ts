// Per-section content hashes of a report, stored on each version so an automatic version is
// skipped when nothing changed since the previous one.

import { createHash } from 'node:crypto'
import type { Report } from '../../schema/report.ts'

/** Key of the hash covering the outline (section list), the meta except status, and the actors. */
export const outlineKey = '*'

const hash = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22)

/** A hash per section id (headings, groups and both bodies) plus `*` for outline, meta (status excluded) and actors. */
export function contentHashes(report: Report): Record<string, string> {
  const hashes: Record<string, string> = {}
  const { status: _status, ...meta } = report.meta
  hashes[outlineKey] = hash({
    meta,
    actors: report.actors,
    outline: report.sections.map(({ es: _es, en: _en, ...entry }) => entry),
  })
  for (const section of report.sections)
    hashes[section.id] = hash([section.heading, section.groups, section.es, section.en])
  return hashes
}

/** True when two hash sets name the same sections with the same content. */
export function sameHashes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}
