import { Node } from 'prosemirror-model'
import { describe, expect, it } from 'vitest'
import { repairBody } from '../../schema/body-repair.ts'
import { schema } from '../../schema/prosemirror-schema.ts'
import { actorTable } from '../../schema/table-kinds.ts'

const columns = actorTable.columns.map((column) => column.id)

/** A body read without checks, as `readBody` builds one. */
function unchecked(json: unknown): Node {
  return Node.fromJSON(schema, json)
}

describe('repairBody', () => {
  it('gives an emptied table a row with its kind’s columns', () => {
    const doc = unchecked({ type: 'doc', content: [{ type: 'report_table', attrs: { id: 't1', kind: 'actor' } }] })
    const repaired = repairBody(doc)
    const row = repaired.firstChild!.firstChild!
    const cells: string[] = []
    row.forEach((cell) => cells.push(cell.attrs['column'] as string))
    expect(cells).toEqual(columns)
  })

  it('gives an emptied list item a paragraph and keeps the rest of the body', () => {
    const doc = unchecked({
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'antes' }] },
        { type: 'bullet_list', content: [{ type: 'list_item', attrs: { id: 'l1' } }] },
      ],
    })
    const repaired = repairBody(doc)
    expect(repaired.firstChild!.textContent).toBe('antes')
    expect(repaired.child(1).firstChild!.firstChild!.type.name).toBe('paragraph')
  })

  it('moves the text of a repeated column’s cell into its column and fills a missing one', () => {
    const cell = (column: string, text: string) => ({
      type: 'table_cell',
      attrs: { column },
      content: [{ type: 'paragraph', attrs: { id: null }, content: [{ type: 'text', text }] }],
    })
    const doc = unchecked({
      type: 'doc',
      content: [
        {
          type: 'report_table',
          attrs: { id: 't1', kind: 'actor' },
          content: [
            {
              type: 'table_row',
              attrs: { id: 'r1' },
              content: [cell('mandate', 'uno'), cell('mandate', 'dos'), cell('executed', 'tres')],
            },
          ],
        },
      ],
    })
    const row = repairBody(doc).firstChild!.firstChild!
    expect(row.childCount).toBe(columns.length)
    expect(row.child(0).textContent).toBe('unodos')
    expect(row.child(2).textContent).toBe('tres')
  })
})
