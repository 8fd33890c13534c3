// The live document of the report a route names, for the routes that read or change it.

import { isSlug } from '../../schema/check.ts'
import type { DocumentRegistry } from '../collab/document-registry.ts'
import type { ReportDocument } from '../collab/report-document.ts'
import { notFound } from '../errors.ts'

/**
 * Runs `use` on the live document of report `id` (loading it if needed) and resolves with what it
 * returns; a malformed or unknown id is 404. The value is wrapped on the way, so `use` may return
 * undefined without it reading as "no such report".
 */
export async function withLiveReport<T>(
  registry: DocumentRegistry,
  id: string,
  use: (document: ReportDocument) => Promise<T> | T,
): Promise<T> {
  const result = isSlug(id) ? await registry.with(id, async (document) => ({ value: await use(document) })) : undefined
  if (result === undefined) throw notFound(`No report "${id}".`)
  return result.value
}
