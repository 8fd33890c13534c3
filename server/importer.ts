// Import a report from its originals and store it: the importer (schema/import) turns text into a
// Report, this stores its Y.Doc as the report's first log entry.

import * as Y from 'yjs'
import { isSlug } from '../schema/check.ts'
import { ImportError } from '../schema/import/import-error.ts'
import { importReport as schemaImportReport } from '../schema/import/import-report.ts'
import type { ImportInput, ImportResult, ImportWarning } from '../schema/import/types.ts'
import type { ImportPreview } from '../schema/api/reports.ts'
import { reportToYDoc } from '../schema/ydoc.ts'
import { conflict, unprocessable } from './errors.ts'
import { StorageError, type Storage } from './storage/storage.ts'

/** The importer's signature (`schema/import/import-report.ts`). */
export type ImportReport = (input: ImportInput) => ImportResult

/** The importer of schema/import. */
export const defaultImportReport: ImportReport = schemaImportReport

/** The user recorded for imported content. */
export const systemUser = 'system'

/** What a stored import answers. */
export interface StoredImport {
  readonly id: string
  readonly warnings: readonly ImportWarning[]
}

/**
 * The report `input` makes, after every check the import makes before storing: 422
 * `import-<code>` for input the importer refuses, 409 `report-exists` for a taken id. Stores nothing.
 */
export async function checkedImport(
  storage: Storage,
  input: ImportInput,
  importReport: ImportReport = defaultImportReport,
): Promise<ImportResult> {
  let result: ImportResult
  try {
    result = importReport(input)
  } catch (error) {
    if (error instanceof ImportError) throw unprocessable(`import-${error.code}`, error.message)
    throw error
  }
  const { report } = result
  if (!isSlug(report.id))
    throw unprocessable(
      'import-invalid-option',
      `The report id "${report.id}" is not a slug (lowercase letters, digits and dashes).`,
    )
  if (await storage.getReport(report.id))
    throw conflict('report-exists', `A report with the id "${report.id}" already exists.`)
  return result
}

/**
 * What importing `input` would create, without storing anything (`POST /api/reports/import?preview=1`):
 * the same checks and errors as {@link importAndStore}, so a preview that answers means the import
 * will too, unless someone takes the id in between.
 */
export async function previewImport(
  storage: Storage,
  input: ImportInput,
  importReport: ImportReport = defaultImportReport,
): Promise<ImportPreview> {
  const { report, warnings } = await checkedImport(storage, input, importReport)
  return {
    id: report.id,
    title: report.meta.title,
    kind: report.meta.kind,
    sections: report.sections.map(({ id, kind, actor, heading }) => ({
      id,
      kind,
      ...(actor === undefined ? {} : { actor }),
      heading,
    })),
    warnings,
  }
}

/**
 * Imports `input` and stores it; nothing is stored when anything fails.
 * Throws 422 `import-<code>` for input the importer refuses, 409 `report-exists` for a taken id.
 */
export async function importAndStore(
  storage: Storage,
  input: ImportInput,
  importReport: ImportReport = defaultImportReport,
): Promise<StoredImport> {
  const { report, warnings } = await checkedImport(storage, input, importReport)
  const update = Y.encodeStateAsUpdate(reportToYDoc(report))
  try {
    await storage.createReport(
      {
        id: report.id,
        title: report.meta.title,
        kind: report.meta.kind,
        status: report.meta.status,
        createdAt: Date.now(),
      },
      update,
      systemUser,
    )
  } catch (error) {
    if (error instanceof StorageError && error.code === 'exists') throw conflict('report-exists', error.message)
    throw error
  }
  return { id: report.id, warnings }
}
