import type { Language } from '../languages.ts'
import { tableKinds, type TableKind } from '../table-kinds.ts'
import { linesToBlocks } from './blocks.ts'
import { fold, isBlank, slugify, upperShare, type SourceLine } from './lines.ts'
import type { ParsedBlock, ParsedItem, ParsedRow, ParsedSection } from './parsed.ts'
import type { ImportWarning } from './types.ts'

/** Share of capitals that makes a line a heading in a work plan. */
const capitalShare = 0.8
/** Headings in capitals are short; a longer line in capitals is running text. */
const maxHeadingLength = 150
/** A lettered line ("A. Objetivos generales") is a sub-heading only when it is this short. */
const maxSubHeadingLength = 100
/**
 * Share of numbered cells whose outline depth (1., 1.1, 1.1.1) must equal their column for the
 * table to be read by outline: then a cell's depth names its column, whatever cells are missing.
 */
const outlineShare = 0.6

/** A work plan, read. */
export interface WorkPlan {
  readonly title: string
  readonly front: string[]
  readonly sections: ParsedSection[]
  readonly tableKinds: string[]
  readonly years: string[]
  /** Why the text seems cut off, when it does. */
  readonly cutOff?: string
}

/** The table kind whose column headings (Spanish or English) start at `index`, and where they end. */
export function workPlanHeader(
  lines: readonly SourceLine[],
  index: number,
): { kind: TableKind; end: number } | undefined {
  const kinds = Object.values(tableKinds).filter((kind) => kind.id !== 'actor')
  kinds.sort((a, b) => b.columns.length - a.columns.length)
  for (const kind of kinds) {
    let at = index
    let matched = 0
    for (const column of kind.columns) {
      while (at < lines.length && isBlank(lines[at]!) && !lines[at]!.cell) at++
      const line = lines[at]
      if (!line?.cell) break
      const text = fold(line.text)
      if (text !== fold(column.heading.es) && text !== fold(column.heading.en)) break
      matched++
      at++
    }
    if (matched === kind.columns.length) return { kind, end: at }
  }
  return undefined
}

function isCapitalHeading(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  return letters >= 4 && text.length <= maxHeadingLength && upperShare(text) >= capitalShare
}

function isSubHeading(text: string): boolean {
  return /^[A-Z][.)]\s+\p{L}/u.test(text) && text.length <= maxSubHeadingLength && !/[.;,]$/.test(text)
}

/** The depth of the outline number a cell starts with ("1." → 1, "1.2.1" → 3), or 0. */
function outlineDepth(cell: readonly SourceLine[]): number {
  const first = cell.find((line) => !isBlank(line))
  const match = first ? /^(\d{1,2}(?:\.\d{1,2})*)\.?\s/.exec(first.text.trim()) : null
  return match ? match[1]!.split('.').length : 0
}

type Token = { type: 'cell'; lines: SourceLine[]; line: number } | { type: 'band'; text: string; line: number }

/**
 * Read a work plan: a title in capitals, cover lines, narrative sections headed by lines in
 * capitals, and a table whose column headings name its kind. Band lines inside the table
 * ("A. Fortalecer…", "I. POLÍTICAS…") split it, becoming headings between its parts.
 */
export function readWorkPlan(lines: readonly SourceLine[], language: Language, warnings: ImportWarning[]): WorkPlan {
  let index = 0
  const titleParts: string[] = []
  for (; index < lines.length; index++) {
    const line = lines[index]!
    if (isBlank(line)) continue
    const text = line.text.trim()
    if (line.cell || (text.match(/\p{L}/gu)?.length ?? 0) < 4 || upperShare(text) < capitalShare) break
    titleParts.push(line.text.trim())
  }
  const front: string[] = []
  for (; index < lines.length; index++) {
    const line = lines[index]!
    if (isBlank(line)) continue
    if (line.cell || isCapitalHeading(line.text.trim())) break
    front.push(line.text.trim())
  }
  const title = titleParts.join(' ').replace(/\s+/g, ' ')
  const years = [...new Set((title.match(/\b(?:19|20)\d\d\b/g) ?? []).concat())]
  if (years.length === 0) {
    const year = front.join(' ').match(/\b(?:19|20)\d\d\b/)
    if (year) years.push(year[0])
  }

  const sections: ParsedSection[] = []
  const found: string[] = []
  const used = new Set<string>()
  const uniqueKey = (key: string): string => {
    let unique = key || 'section'
    for (let n = 2; used.has(unique); n++) unique = `${key}-${n}`
    used.add(unique)
    return unique
  }
  let current: { heading: string; line: number; lines: SourceLine[]; items: ParsedItem[] } | undefined
  const flushProse = (): void => {
    if (!current) return
    let run: SourceLine[] = []
    const flushRun = (): void => {
      current!.items.push(...linesToBlocks(run))
      run = []
    }
    for (const line of current.lines) {
      const text = line.text.trim()
      if (isSubHeading(text)) {
        flushRun()
        current.items.push({ type: 'heading', level: 3, text, line: line.line })
      } else run.push(line)
    }
    flushRun()
    current.lines = []
  }
  const close = (key?: string): void => {
    if (!current) return
    flushProse()
    sections.push({
      kind: 'narrative',
      heading: current.heading,
      key: uniqueKey(key ?? slugify(current.heading)),
      groups: [],
      items: current.items,
      line: current.line,
    })
    current = undefined
  }
  let cutOff: string | undefined

  while (index < lines.length) {
    const line = lines[index]!
    const text = line.text.trim()
    const header = line.cell ? workPlanHeader(lines, index) : undefined
    if (header) {
      const kind = header.kind
      found.push(kind.id)
      const captionOnly = current !== undefined && current.items.length === 0 && current.lines.every(isBlank)
      if (!captionOnly) {
        close()
        current = { heading: language === 'es' ? kind.name.es : kind.name.en, line: line.line, lines: [], items: [] }
      }
      index = header.end
      const tokens: Token[] = []
      for (; index < lines.length; index++) {
        const next = lines[index]!
        if (next.cell && workPlanHeader(lines, index)) break
        const nextText = next.text.trim()
        if (next.cell) {
          tokens.push({ type: 'cell', lines: [next], line: next.line })
        } else if (nextText === '') {
          // A blank line between the table's lines: nothing to keep.
        } else if (!tokens.some((token) => token.type === 'cell') || /^(?:[IVX]+|[A-Z])\.\s+\p{L}/u.test(nextText)) {
          tokens.push({ type: 'band', text: nextText, line: next.line })
        } else {
          const last = [...tokens].reverse().find((token) => token.type === 'cell')
          if (last?.type === 'cell') last.lines.push(next)
        }
      }
      const cells = tokens.filter((token) => token.type === 'cell')
      if (cells.length === 0) cutOff = `it ends right after the column headings of its table (line ${line.line})`
      current!.items.push(...buildTable(kind, tokens, language, warnings))
      const lastRow = lastRowCells(kind, tokens)
      if (!cutOff && lastRow > 0 && lastRow < kind.columns.length / 2) {
        cutOff = `its table ends in the middle of a row (line ${lines.at(-1)?.line ?? 0})`
      }
      close(kind.id)
      continue
    }
    if (!line.cell && text !== '' && isCapitalHeading(text)) {
      close()
      current = { heading: text.replace(/:$/, ''), line: line.line, lines: [], items: [] }
    } else if (text !== '') {
      current ??= {
        heading: language === 'es' ? 'Introducción' : 'Introduction',
        line: line.line,
        lines: [],
        items: [],
      }
      current.lines.push(line)
    }
    index++
  }
  close()
  return { title, front, sections, tableKinds: found, years, ...(cutOff ? { cutOff } : {}) }
}

/** How many cells the last row of a sequentially read table holds (0 when it is full or outline-read). */
function lastRowCells(kind: TableKind, tokens: readonly Token[]): number {
  const cells = tokens.filter((token) => token.type === 'cell') as Array<Extract<Token, { type: 'cell' }>>
  if (isOutline(kind, cells)) return 0
  let count = 0
  for (const token of tokens) count = token.type === 'band' ? 0 : (count % kind.columns.length) + 1
  return count === kind.columns.length ? 0 : count
}

function isOutline(kind: TableKind, cells: ReadonlyArray<{ lines: SourceLine[] }>): boolean {
  let numbered = 0
  let fitting = 0
  cells.forEach((cell, position) => {
    const depth = outlineDepth(cell.lines)
    if (depth === 0) return
    numbered++
    if (depth === (position % kind.columns.length) + 1) fitting++
  })
  return numbered >= cells.length / 2 && numbered > 0 && fitting / numbered >= outlineShare
}

function buildTable(
  kind: TableKind,
  tokens: readonly Token[],
  language: Language,
  warnings: ImportWarning[],
): ParsedItem[] {
  const n = kind.columns.length
  const cells = tokens.filter((token) => token.type === 'cell') as Array<Extract<Token, { type: 'cell' }>>
  const outline = isOutline(kind, cells)
  const items: ParsedItem[] = []
  let rows: ParsedRow[] = []
  let row: { cells: SourceLine[][]; filled: boolean[]; line: number; column: number } | undefined
  let short = 0
  const closeRow = (): void => {
    if (!row) return
    if (row.filled.filter(Boolean).length < n) short++
    rows.push({ cells: row.cells.map((cell): ParsedBlock[] => linesToBlocks(cell)), line: row.line })
    row = undefined
  }
  const closeTable = (): void => {
    closeRow()
    if (rows.length > 0) items.push({ type: 'table', kind: kind.id, rows, line: rows[0]!.line })
    rows = []
  }
  const newRow = (line: number): NonNullable<typeof row> => ({
    cells: Array.from({ length: n }, () => []),
    filled: Array.from({ length: n }, () => false),
    line,
    column: -1,
  })
  for (const token of tokens) {
    if (token.type === 'band') {
      closeTable()
      items.push({ type: 'heading', level: 3, text: token.text, line: token.line })
      continue
    }
    const depth = outline ? outlineDepth(token.lines) : 0
    let column = outline && depth >= 1 && depth <= n ? depth - 1 : row ? row.column + 1 : 0
    if (!row || column <= row.column || column >= n) {
      closeRow()
      row = newRow(token.line)
      if (column >= n) column = 0
    }
    row.cells[column] = token.lines
    row.filled[column] = true
    row.column = column
  }
  closeTable()
  const line = tokens[0]?.line ?? 0
  if (short > 0 && !outline) {
    warnings.push({
      code: 'irregular-table',
      language,
      line,
      message: `${short} row(s) of the "${kind.id}" table have fewer cells than its ${n} columns; the missing cells were left empty`,
    })
  } else if (short > 0) {
    warnings.push({
      code: 'irregular-table',
      language,
      line,
      message: `${short} row(s) of the "${kind.id}" table, read by outline numbering, leave some columns empty`,
    })
  }
  return items
}
