import type { NodeJSON } from '../report.ts'

/** Where a textblock sits in a section body: inside which table row and column, if any. */
export interface UnitPlace {
  /** The id of the table row it sits in, when inside a report table. */
  readonly row?: string
  /** The column id of the cell it sits in, when inside a report table. */
  readonly column?: string
}

/** A textblock of a body (paragraph or heading) with its id, text and place, in document order. */
export interface TextUnit extends UnitPlace {
  /** The block id, or a positional key (`#3`) for a block that has none. */
  readonly key: string
  /** `paragraph` or `heading`. */
  readonly type: string
  /** The plain text; hard breaks read as newlines. */
  readonly text: string
  /** Text with formatting (marks) encoded, to notice changes of bold, italic or links. */
  readonly signature: string
}

/** A table row of a body, with its id and position among the rows of its table. */
export interface RowUnit {
  readonly key: string
  /** The table's kind (`actor`, …). */
  readonly tableKind: string
  /** The text of each cell, by column id. */
  readonly cells: Readonly<Record<string, string>>
}

/** Plain text of an inline node list; hard breaks become newlines. */
export function inlineText(node: NodeJSON): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hard_break') return '\n'
  return (node.content ?? []).map(inlineText).join('')
}

function inlineSignature(node: NodeJSON): string {
  return (node.content ?? [])
    .map((child) => {
      const marks = (child.marks ?? []).map((mark) =>
        mark.type === 'link' ? `link:${String(mark.attrs?.['href'])}` : mark.type,
      )
      return marks.length
        ? `[${marks.sort().join(',')}]${child.text ?? ''}`
        : child.type === 'hard_break'
          ? '\n'
          : (child.text ?? '')
    })
    .join('')
}

/** Text of a whole subtree, blocks separated by newlines. */
export function blockText(node: NodeJSON): string {
  if (node.type === 'paragraph' || node.type === 'heading') return inlineText(node)
  return (node.content ?? [])
    .map(blockText)
    .filter((text) => text !== '')
    .join('\n')
}

/** The textblocks and table rows of a body, in document order. */
export function textUnits(doc: NodeJSON): { units: TextUnit[]; rows: RowUnit[] } {
  const units: TextUnit[] = []
  const rows: RowUnit[] = []
  let position = 0
  const visit = (node: NodeJSON, place: UnitPlace): void => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const id = node.attrs?.['id']
      units.push({
        key: typeof id === 'string' && id ? id : `#${position}`,
        type: node.type,
        text: inlineText(node),
        signature: inlineSignature(node),
        ...place,
      })
      position++
      return
    }
    if (node.type === 'report_table') {
      for (const row of node.content ?? []) {
        const id = row.attrs?.['id']
        const key = typeof id === 'string' && id ? id : `#row${position++}`
        const cells: Record<string, string> = {}
        for (const cell of row.content ?? []) {
          const column = String(cell.attrs?.['column'] ?? '')
          cells[column] = blockText(cell)
          for (const child of cell.content ?? []) visit(child, { row: key, column })
        }
        rows.push({ key, tableKind: String(node.attrs?.['kind'] ?? ''), cells })
      }
      return
    }
    for (const child of node.content ?? []) visit(child, place)
  }
  visit(doc, {})
  return { units, rows }
}
