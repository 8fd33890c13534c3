// `/api/reports` and `/api/reports/import` (interface.md, "HTTP"), with its preview (`?preview=1`).

import * as z from 'zod/mini'
import { slugPattern } from '../check.ts'
import { reportKinds, reportStatuses, sectionKinds, type Report } from '../report.ts'
import { text, type BodyContract } from './contract.ts'

const idMessage = 'id must be a slug: lowercase letters, digits and dashes, such as "annual-report-2012".'
const kindMessage = `kind must be one of ${reportKinds.join(', ')}.`
const option = { status: 422, code: 'import-invalid-option' } as const

/**
 * The fields of `POST /api/reports/import`, as JSON or as multipart fields beside the files
 * (which the route reads itself): the documents' text and the options.
 */
export const importFields: BodyContract<{
  id?: string | undefined
  kind?: (typeof reportKinds)[number] | undefined
  es?: string | undefined
  en?: string | undefined
}> = {
  schema: z.object({
    id: z.optional(text(idMessage, z.maxLength(64, idMessage), z.regex(slugPattern, idMessage))),
    kind: z.optional(z.enum(reportKinds, { error: kindMessage })),
    es: z.optional(z.string({ error: 'es must be the text of the Spanish original.' })),
    en: z.optional(z.string({ error: 'en must be the text of the English original.' })),
  }),
  shape: '{id?, kind?, es?, en?}',
  fields: { id: option, kind: option },
}

/** `POST /api/reports/import`'s answer: the new report and what the importer noticed. */
export const importAnswer = z.object({
  id: z.string(),
  warnings: z.readonly(
    z.array(
      z.object({
        code: z.string(),
        language: z.optional(z.enum(['es', 'en'])),
        line: z.optional(z.number()),
        section: z.optional(z.string()),
        message: z.string(),
      }),
    ),
  ),
})

/** `POST /api/reports/import?preview=1`'s answer: the report the import would create, and its warnings; nothing is stored. */
export const importPreview = z.object({
  id: z.string(),
  title: z.object({ es: z.string(), en: z.string() }),
  kind: z.enum(reportKinds),
  sections: z.readonly(
    z.array(
      z.object({
        id: z.string(),
        kind: z.enum(sectionKinds),
        actor: z.optional(z.string()),
        heading: z.object({ es: z.string(), en: z.string() }),
      }),
    ),
  ),
  warnings: importAnswer.shape.warnings,
})

/** `POST /api/reports/import?preview=1`'s answer. */
export type ImportPreview = z.infer<typeof importPreview>

/** One entry of `GET /api/reports`. */
export const reportSummary = z.object({
  id: z.string(),
  title: z.object({ es: z.string(), en: z.string() }),
  kind: z.enum(reportKinds),
  status: z.enum(reportStatuses),
})

/** One entry of `GET /api/reports`. */
export type ReportSummary = z.infer<typeof reportSummary>

/** `GET /api/reports`. */
export const reportList = z.array(reportSummary)

/** `POST /api/reports/import`'s answer. */
export type ImportAnswer = z.infer<typeof importAnswer>

/** `GET /api/reports/:id` and, with its `version`, `GET /versions/:vid`: the report's JSON (`schema/report.ts`; bodies are checked where they are shown). */
export const reportAnswer = z.custom<Report>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    Array.isArray((value as { sections?: unknown }).sections),
)
