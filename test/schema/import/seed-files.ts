// Helpers for the importer tests: the bundled originals, a deterministic id source, cell text.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { DocJSON, NodeJSON } from '../../../schema/index.ts'

const seeds = fileURLToPath(new URL('../../../server/seeds/', import.meta.url))

/** The bytes of a bundled original, e.g. `annual-report-2011-2012.es.txt`. */
export function seedBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(seeds + name))
}

/** The text of a bundled original. */
export function seedText(name: string): string {
  return readFileSync(seeds + name, 'utf8')
}

/** An id source counting up from 1, so that two imports of the same text give the same ids. */
export function counter(): () => string {
  let n = 0
  return () => `id${++n}`
}

/** The plain text of a node, blocks separated by newlines. */
export function textOf(node: NodeJSON): string {
  if (node.text !== undefined) return node.text
  const parts = (node.content ?? []).map(textOf)
  return node.type === 'paragraph' || node.type === 'heading' ? parts.join('') : parts.join('\n')
}

/** The rows of the first report table of a document. */
export function tableRows(doc: DocJSON): NodeJSON[] {
  const table = doc.content?.find((node) => node.type === 'report_table')
  return [...(table?.content ?? [])]
}

/** The cell of `column` in a row. */
export function cell(row: NodeJSON, column: string): NodeJSON {
  const found = row.content?.find((node) => node.attrs?.['column'] === column)
  if (!found) throw new Error(`no cell "${column}" in row`)
  return found
}

/** Every block id in a document, in order. */
export function blockIds(node: NodeJSON): string[] {
  const own = ['paragraph', 'heading', 'list_item', 'table_row'].includes(node.type) ? [String(node.attrs?.['id'])] : []
  return [...own, ...(node.content ?? []).flatMap(blockIds)]
}
