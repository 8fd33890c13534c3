import type { Language } from '../languages.ts'
import type { Report, ReportKind } from '../report.ts'

/** The stable codes of import warnings: irregularities found and reported, never silently fixed. */
export type ImportWarningCode =
  | 'duplicate-section'
  | 'unmatched-section'
  | 'toc-mismatch'
  | 'malformed-heading'
  | 'unknown-actor'
  | 'irregular-table'
  | 'order-differs'

/** Something irregular the importer found in the originals. */
export interface ImportWarning {
  readonly code: ImportWarningCode
  /** The language of the original it was found in, when it concerns one side only. */
  readonly language?: Language
  /** 1-based line in that original, when known. */
  readonly line?: number
  /** The section concerned, when known. */
  readonly section?: string
  /** What was found and what the importer did about it, for a person. */
  readonly message: string
}

/** What to import: the text (or raw bytes) of a Spanish and/or an English original. */
export interface ImportInput {
  /** The report id; default: derived from the kind and the title. */
  readonly id?: string
  /** The kind of report; default: recognised from the text. */
  readonly kind?: ReportKind
  /** The Spanish original: text, or bytes in UTF-8 (with or without BOM) or Windows-1252. */
  readonly es?: string | Uint8Array
  /** The English original, in the same forms. */
  readonly en?: string | Uint8Array
  /**
   * Source of new block ids; default `newBlockId` (random). Tests pass a counter so that two
   * imports of the same text give the same report.
   */
  readonly newId?: () => string
}

/** The imported report and every warning found on the way. */
export interface ImportResult {
  readonly report: Report
  readonly warnings: readonly ImportWarning[]
}
