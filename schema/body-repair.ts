// Making a body that merged into a shape the schema cannot hold valid again, keeping its text
// (design.md, "The server is the guard": the server repairs such a body once, as its own change).

import { Fragment, type Node, type NodeType } from 'prosemirror-model'
import { withUniqueBlockIds } from './block-ids.ts'
import { schema } from './prosemirror-schema.ts'
import { tableKinds } from './table-kinds.ts'

/**
 * `children` fitted into `type`'s content expression: what is missing before a child or at the end
 * is filled in with empty nodes (an emptied list item gets a paragraph back); a child that fits
 * nowhere where it stands is dropped.
 */
function fitContent(type: NodeType, children: readonly Node[]): Fragment {
  let match = type.contentMatch
  const kept: Node[] = []
  for (const child of children) {
    let next = match.matchType(child.type)
    if (next === null) {
      const fill = match.fillBefore(Fragment.from(child))
      if (fill !== null) {
        fill.forEach((node) => kept.push(node))
        match = match.matchFragment(fill) ?? match
        next = match.matchType(child.type)
      }
    }
    if (next === null) continue
    kept.push(child)
    match = next
  }
  const end = match.fillBefore(Fragment.empty, true)
  if (end !== null) end.forEach((node) => kept.push(node))
  return Fragment.from(kept)
}

/**
 * A table row with exactly its kind's columns, in order: the first cell of each column keeps its
 * place, the content of a repeated cell (or of a cell of a column the kind does not have) is
 * appended to the cell of its column (or the last one), and missing columns get an empty cell.
 */
function fitRow(row: Node, kind: string): Node {
  const columns = tableKinds[kind]!.columns.map((column) => column.id)
  const contents = new Map<string, Node[]>(columns.map((id) => [id, []]))
  row.forEach((cell) => {
    const column = cell.attrs['column'] as string
    const into = contents.get(column) ?? contents.get(columns.at(-1)!)!
    cell.forEach((block) => into.push(block))
  })
  const cellType = schema.nodes['table_cell']!
  const cells = columns.map((column) => cellType.create({ column }, fitContent(cellType, contents.get(column)!)))
  return row.type.create(row.attrs, cells)
}

function repairNode(node: Node): Node {
  if (node.isText || node.isLeaf) return node
  const children: Node[] = []
  node.forEach((child) => children.push(repairNode(child)))
  let content = Fragment.from(children)
  if (!node.type.validContent(content)) content = fitContent(node.type, children)
  if (node.type.name === 'report_table') {
    // After fitting: a row filled in for an emptied table gets its kind's columns too.
    const kind = node.attrs['kind'] as string
    const rows: Node[] = []
    content.forEach((row) => rows.push(fitRow(row, kind)))
    content = Fragment.from(rows)
  }
  return node.type.create(node.attrs, content, node.marks)
}

/**
 * A valid body made from `doc`, whose nodes, attributes and marks are the schema's but whose
 * content may not fit (see `readBody`'s structure problems): content is fitted node by node, table
 * rows get their kind's columns, repeated block ids get new ones. Returns `doc` itself when it is
 * already valid.
 */
export function repairBody(doc: Node): Node {
  const repaired = withUniqueBlockIds(repairNode(doc))
  repaired.check()
  return repaired.eq(doc) ? doc : repaired
}
