import type { SectionDiff, SectionTranslation, BlockTranslation, WordChange, TranslationMark, TranslationStatus } from '../../schema/index.ts'
import type { Report } from '../../schema/report.ts'
import type { VersionAuthor, VersionJSON, VersionKind } from '../../schema/versions.ts'
import { ApiError, request } from '../app/api.ts'

/** One entry of `GET /api/reports/:id/versions`. */
export type Version = VersionJSON
export type { VersionAuthor, VersionKind }

/** `GET /versions/:vid`: the report as it was, with its version. */
export type VersionedReport = Report & { readonly version: Version }

/** `GET /diff`: the two ends and the changed sections. */
export interface DiffAnswer {
  readonly from: Version
  readonly to: Version | { readonly id: 'current' }
  readonly sections: readonly SectionDiff[]
}

/** `GET /translation/:section/:block/source-diff`. */
export interface SourceDiff {
  readonly status: TranslationStatus
  readonly source: 'es' | 'en' | null
  readonly since: number
  readonly words: readonly WordChange[]
}

function base(reportId: string): string {
  return `/api/reports/${encodeURIComponent(reportId)}`
}

function isVersion(value: unknown): value is Version {
  const v = value as Partial<Version> | null
  return !!v && typeof v.id === 'number' && typeof v.kind === 'string' && typeof v.createdAt === 'string' && Array.isArray(v.authors)
}

function badResponse(what: string): ApiError {
  return new ApiError(0, 'bad_response', `The server's ${what} is not in the expected shape`)
}

/** `GET /versions`: newest first. Throws `ApiError`. */
export async function listVersions(reportId: string): Promise<Version[]> {
  const answer = await request('GET', `${base(reportId)}/versions`)
  if (!Array.isArray(answer) || !answer.every(isVersion)) throw badResponse('version list')
  return answer
}

/** `POST /versions {name}`: names the current state. Throws `ApiError` (422 for a bad name). */
export async function nameVersion(reportId: string, name: string): Promise<Version> {
  const answer = await request('POST', `${base(reportId)}/versions`, { name })
  if (!isVersion(answer)) throw badResponse('new version')
  return answer
}

/** `GET /versions/:vid`: the report at that version. */
export async function getVersion(reportId: string, versionId: number): Promise<VersionedReport> {
  const answer = (await request('GET', `${base(reportId)}/versions/${versionId}`)) as VersionedReport | null
  if (!answer || !Array.isArray(answer.sections) || !isVersion(answer.version)) throw badResponse('version')
  return answer
}

/** `GET /api/reports/:id`: the report now. */
export async function getReport(reportId: string): Promise<Report> {
  const answer = (await request('GET', base(reportId))) as Report | null
  if (!answer || !Array.isArray(answer.sections)) throw badResponse('report')
  return answer
}

/** The path of the diff between `from` and `to` (a version id or `current`), as JSON or HTML. */
export function diffApiPath(reportId: string, from: string, to: string, format?: 'html'): string {
  const query = new URLSearchParams({ from, to, ...(format ? { format } : {}) })
  return `${base(reportId)}/diff?${query.toString()}`
}

/** `GET /diff?from&to`. */
export async function getDiff(reportId: string, from: string, to: string): Promise<DiffAnswer> {
  const answer = (await request('GET', diffApiPath(reportId, from, to))) as DiffAnswer | null
  if (!answer || !Array.isArray(answer.sections)) throw badResponse('diff')
  return answer
}

/** `POST /restore {version}`: the new `restore` version and the automatic one taken before. */
export async function restoreVersion(reportId: string, version: number): Promise<{ version: Version; before: Version }> {
  const answer = (await request('POST', `${base(reportId)}/restore`, { version })) as { version?: unknown; before?: unknown } | null
  if (!answer || !isVersion(answer.version)) throw badResponse('restore answer')
  return answer as { version: Version; before: Version }
}

/** `POST /publish {version}`: the new `published` version. */
export async function publishVersion(reportId: string, version: number): Promise<Version> {
  const answer = await request('POST', `${base(reportId)}/publish`, { version })
  if (!isVersion(answer)) throw badResponse('published version')
  return answer
}

/** The path of an export of the report (optionally at a version). */
export function exportPath(reportId: string, format: 'html' | 'docx', lang: 'es' | 'en' | 'both', version?: number): string {
  const query = new URLSearchParams({ format, lang, ...(version !== undefined ? { version: String(version) } : {}) })
  return `${base(reportId)}/export?${query.toString()}`
}

/** `GET /translation`: sections with their pairs, outdated first. */
export async function getTranslation(reportId: string): Promise<SectionTranslation[]> {
  const answer = (await request('GET', `${base(reportId)}/translation`)) as { sections?: unknown } | null
  if (!answer || !Array.isArray(answer.sections)) throw badResponse('translation overview')
  return answer.sections as SectionTranslation[]
}

/** `POST /translation/marks`: marks a pair and answers it updated (in step). */
export async function markPair(reportId: string, section: string, block: string, mark: TranslationMark): Promise<BlockTranslation> {
  const answer = (await request('POST', `${base(reportId)}/translation/marks`, { section, block, mark })) as BlockTranslation | null
  if (!answer || typeof answer.status !== 'string') throw badResponse('marked pair')
  return answer
}

/** `GET /translation/:section/:block/source-diff`: what the source side said since the pair was in step. */
export async function getSourceDiff(reportId: string, section: string, block: string): Promise<SourceDiff> {
  const answer = (await request('GET', `${base(reportId)}/translation/${encodeURIComponent(section)}/${encodeURIComponent(block)}/source-diff`)) as SourceDiff | null
  if (!answer || !Array.isArray(answer.words)) throw badResponse('source diff')
  return answer
}
