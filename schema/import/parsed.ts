import type { Language } from '../languages.ts'
import type { ReportKind } from '../report.ts'
import type { ImportWarning } from './types.ts'

/** A paragraph, heading or list item read from an original, before it becomes ProseMirror JSON. */
export interface ParsedBlock {
  readonly type: 'paragraph' | 'heading' | 'list_item'
  /** The text, trimmed; list markers and numbers removed. */
  readonly text: string
  /** The kind of list, for list items. */
  readonly list?: 'bullet' | 'ordered'
  /** The number typed in the original, for ordered list items. */
  readonly number?: number
  /** The heading level (1–4), for headings. */
  readonly level?: number
  /** 1-based line in the original. */
  readonly line: number
  /** The block id, set when the two languages are aligned. */
  id?: string
  /** The id of the paragraph inside a list item, shared when both sides are list items. */
  innerId?: string
}

/** One row of a table: its cells' blocks, one array per column of the table kind, in order. */
export interface ParsedRow {
  cells: ParsedBlock[][]
  /**
   * True when the original marked no cell boundaries in this row (no tab lines): every block is
   * in the first cell until the other language's row shows where the columns go.
   */
  unsplit?: boolean
  /** 1-based line of the row's first cell. */
  readonly line: number
  /** The row id, set when the two languages are aligned. */
  id?: string
}

/** A table of a known kind. */
export interface ParsedTable {
  readonly type: 'table'
  /** The table kind id (`actor`, `crm-action-plan`, …). */
  readonly kind: string
  readonly rows: ParsedRow[]
  readonly line: number
  /** The table id, shared with its counterpart when the two languages are aligned. */
  id?: string
}

/** A block or a table, in the order of the original. */
export type ParsedItem = ParsedBlock | ParsedTable

/** True when the item is a table. */
export function isTable(item: ParsedItem): item is ParsedTable {
  return item.type === 'table'
}

/** One section of an original. */
export interface ParsedSection {
  readonly kind: 'narrative' | 'actor'
  /** The actor id, for actor sections. */
  readonly actor?: string
  /** The heading as written (numbering included). */
  readonly heading: string
  /** The heading's numbering normalised (`B.4`, `III`), when it has one. */
  readonly numbering?: string
  /** The section id this section asks for (actor id, or a slug of its heading). */
  readonly key: string
  /** Group headings above it, outermost first. */
  readonly groups: readonly string[]
  readonly items: ParsedItem[]
  /** 1-based line of the heading. */
  readonly line: number
}

/** One original, read: what it says about itself, and its sections in reading order. */
export interface ParsedDocument {
  readonly language: Language
  readonly kind: ReportKind
  readonly title: string
  /** Cover page and front matter, as plain lines. */
  readonly front: readonly string[]
  /** The document symbol, or ''. */
  readonly symbol: string
  /** Years the original reports on, in order (e.g. the programmed and the planned year). */
  readonly years: readonly string[]
  /** The table kinds found, in order. */
  readonly tableKinds: readonly string[]
  readonly sections: ParsedSection[]
  readonly warnings: ImportWarning[]
}
