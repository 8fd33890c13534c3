import {
  restoreAnswer,
  versionAnswer,
  versionList,
  diffAnswer,
  type DiffAnswer,
  type VersionAuthor,
  type VersionJSON,
  type VersionKind,
} from '../../schema/api/versions.ts'
import {
  markedPair,
  sourceDiffAnswer,
  translationAnswer,
  type SourceDiff,
} from '../../schema/api/translation-status.ts'
import { reportAnswer } from '../../schema/api/reports.ts'
import type { BlockTranslation, SectionTranslation, TranslationMark } from '../../schema/index.ts'
import type { Report } from '../../schema/report.ts'
import { parseAnswer, request } from '../app/api.ts'

/** One entry of `GET /api/reports/:id/versions`. */
export type Version = VersionJSON
export type { DiffAnswer, SourceDiff, VersionAuthor, VersionKind }

/** `GET /versions/:vid`: the report as it was, with its version. */
export type VersionedReport = Report & { readonly version: Version }

function base(reportId: string): string {
  return `/api/reports/${encodeURIComponent(reportId)}`
}

/** `GET /versions`: newest first. Throws `ApiError`. */
export async function listVersions(reportId: string): Promise<Version[]> {
  return parseAnswer(versionList, await request('GET', `${base(reportId)}/versions`), 'version list')
}

/** `POST /versions {name}`: names the current state. Throws `ApiError` (422 for a bad name). */
export async function nameVersion(reportId: string, name: string): Promise<Version> {
  return parseAnswer(versionAnswer, await request('POST', `${base(reportId)}/versions`, { name }), 'new version')
}

/** `GET /versions/:vid`: the report at that version. */
export async function getVersion(reportId: string, versionId: number): Promise<VersionedReport> {
  const answer = await request('GET', `${base(reportId)}/versions/${versionId}`)
  const report = parseAnswer(reportAnswer, answer, 'version')
  return { ...report, version: parseAnswer(versionAnswer, (answer as { version?: unknown }).version, 'version') }
}

/** `GET /api/reports/:id`: the report now. */
export async function getReport(reportId: string): Promise<Report> {
  return parseAnswer(reportAnswer, await request('GET', base(reportId)), 'report')
}

/** The path of the diff between `from` and `to` (a version id or `current`), as JSON or HTML. */
export function diffApiPath(reportId: string, from: string, to: string, format?: 'html'): string {
  const query = new URLSearchParams({ from, to, ...(format ? { format } : {}) })
  return `${base(reportId)}/diff?${query.toString()}`
}

/** `GET /diff?from&to`. */
export async function getDiff(reportId: string, from: string, to: string): Promise<DiffAnswer> {
  return parseAnswer(diffAnswer, await request('GET', diffApiPath(reportId, from, to)), 'diff')
}

/** `POST /restore {version}`: the new `restore` version and the automatic one taken before. */
export async function restoreVersion(
  reportId: string,
  version: number,
): Promise<{ version: Version; before: Version }> {
  return parseAnswer(restoreAnswer, await request('POST', `${base(reportId)}/restore`, { version }), 'restore answer')
}

/**
 * `POST /publish {version?, reason?}`: the new `published` version of `version`, or of the current
 * state when undefined (a reason is needed unless every section is approved in both languages).
 */
export async function publishVersion(reportId: string, version: number | undefined, reason?: string): Promise<Version> {
  return parseAnswer(
    versionAnswer,
    await request('POST', `${base(reportId)}/publish`, {
      ...(version !== undefined && { version }),
      ...(reason !== undefined && { reason }),
    }),
    'published version',
  )
}

/** The path of an export of the report (optionally at a version). */
export function exportPath(
  reportId: string,
  format: 'html' | 'docx',
  lang: 'es' | 'en' | 'both',
  version?: number,
): string {
  const query = new URLSearchParams({ format, lang, ...(version !== undefined ? { version: String(version) } : {}) })
  return `${base(reportId)}/export?${query.toString()}`
}

/** `GET /translation`: sections with their pairs, outdated first. */
export async function getTranslation(reportId: string): Promise<SectionTranslation[]> {
  return parseAnswer(translationAnswer, await request('GET', `${base(reportId)}/translation`), 'translation overview')
    .sections
}

/** `POST /translation/marks`: marks a pair and answers it updated (in step). */
export async function markPair(
  reportId: string,
  section: string,
  block: string,
  mark: TranslationMark,
): Promise<BlockTranslation> {
  return parseAnswer(
    markedPair,
    await request('POST', `${base(reportId)}/translation/marks`, { section, block, mark }),
    'marked pair',
  )
}

/** `GET /translation/:section/:block/source-diff`: what the source side said since the pair was in step. */
export async function getSourceDiff(reportId: string, section: string, block: string): Promise<SourceDiff> {
  const path = `${base(reportId)}/translation/${encodeURIComponent(section)}/${encodeURIComponent(block)}/source-diff`
  return parseAnswer(sourceDiffAnswer, await request('GET', path), 'source diff')
}
