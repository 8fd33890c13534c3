import type { Node } from 'prosemirror-model'
import { TextSelection, type Command, type EditorState } from 'prosemirror-state'
import { schema } from '../../schema/prosemirror-schema.ts'
import { tableKind } from '../../schema/table-kinds.ts'

/** Where the selection sits in a report table: the row, its position and index, and its table. */
export interface RowContext {
  readonly row: Node
  /** Position just before the row. */
  readonly rowPos: number
  /** Index of the row in its table. */
  readonly index: number
  readonly table: Node
  /** Position just before the table. */
  readonly tablePos: number
}

/** The table row holding the selection's start, or null when the selection is not in a table. */
export function rowAtSelection(state: EditorState): RowContext | null {
  const $from = state.selection.$from
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type === schema.nodes['table_row'] && depth >= 2) {
      return {
        row: $from.node(depth),
        rowPos: $from.before(depth),
        index: $from.index(depth - 1),
        table: $from.node(depth - 1),
        tablePos: $from.before(depth - 1),
      }
    }
  }
  return null
}

/** An empty row for a table of `kind`: one cell per column, each with an empty paragraph. Ids are left to the block-id plugin. */
export function emptyRow(kind: string): Node {
  const cells = tableKind(kind).columns.map((column) =>
    schema.nodes['table_cell']!.create({ column: column.id }, schema.nodes['paragraph']!.create()),
  )
  return schema.nodes['table_row']!.create(null, cells)
}

/** Insert an empty row below the row holding the selection and put the cursor in its first cell. */
export const addRowAfter: Command = (state, dispatch) => {
  const at = rowAtSelection(state)
  if (!at) return false
  if (dispatch) {
    const insertAt = at.rowPos + at.row.nodeSize
    const tr = state.tr.insert(insertAt, emptyRow(at.table.attrs['kind'] as string))
    // +3: into the row, into its first cell, into that cell's paragraph.
    tr.setSelection(TextSelection.create(tr.doc, insertAt + 3))
    dispatch(tr.scrollIntoView())
  }
  return true
}

/** Remove the row holding the selection; refused for the last row of a table (a table has at least one). */
export const removeRow: Command = (state, dispatch) => {
  const at = rowAtSelection(state)
  if (!at || at.table.childCount < 2) return false
  if (dispatch) {
    const tr = state.tr.delete(at.rowPos, at.rowPos + at.row.nodeSize)
    const target = Math.min(at.rowPos, tr.doc.content.size)
    tr.setSelection(TextSelection.near(tr.doc.resolve(target)))
    dispatch(tr.scrollIntoView())
  }
  return true
}

/** Move the row holding the selection one place up (`-1`) or down (`1`), keeping the cursor in it. */
export function moveRow(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const at = rowAtSelection(state)
    if (!at) return false
    const otherIndex = at.index + direction
    if (otherIndex < 0 || otherIndex >= at.table.childCount) return false
    if (dispatch) {
      const other = at.table.child(otherIndex)
      const offset = state.selection.from - at.rowPos
      const tr = state.tr
      let newRowPos: number
      if (direction === -1) {
        const otherPos = at.rowPos - other.nodeSize
        tr.replaceWith(otherPos, at.rowPos + at.row.nodeSize, [at.row, other])
        newRowPos = otherPos
      } else {
        const otherEnd = at.rowPos + at.row.nodeSize + other.nodeSize
        tr.replaceWith(at.rowPos, otherEnd, [other, at.row])
        newRowPos = at.rowPos + other.nodeSize
      }
      tr.setSelection(TextSelection.near(tr.doc.resolve(newRowPos + offset)))
      dispatch(tr.scrollIntoView())
    }
    return true
  }
}
