import type { Language } from '../languages.ts'
import { anchorsOf } from './anchors.ts'
import { alignUnits, type AlignUnit } from './block-alignment.ts'
import { isTable, type ParsedBlock, type ParsedRow, type ParsedSection } from './parsed.ts'
import type { ImportWarning } from './types.ts'

function unit(block: ParsedBlock): AlignUnit {
  return { length: block.text.length, anchors: anchorsOf(block.text) }
}

/**
 * Give aligned blocks of two sequences the same id: the blocks of each bead with both sides
 * non-empty share one new id (in a 2–1 or 1–2 bead, the first block of the pair side carries it;
 * the other keeps none and gets a fresh id when the document is built). Two aligned list items
 * also share the id of the paragraph inside them.
 */
export function alignBlocks(a: readonly ParsedBlock[], b: readonly ParsedBlock[], newId: () => string): void {
  if (a.length === 0 || b.length === 0) return
  for (const bead of alignUnits(a.map(unit), b.map(unit))) {
    if (bead.a.length === 0 || bead.b.length === 0) continue
    const [left, right] = [a[bead.a[0]!]!, b[bead.b[0]!]!]
    const id = newId()
    left.id = id
    right.id = id
    if (left.type === 'list_item' && right.type === 'list_item') {
      const inner = newId()
      left.innerId = inner
      right.innerId = inner
    }
  }
}

/**
 * Put the blocks of a row written without cell boundaries into columns, following the row of
 * the other language: the blocks are aligned in order with the other row's blocks, and each
 * takes the column of the block it aligns with (or of the last one before it).
 */
export function splitRowLike(unsplit: ParsedRow, model: ParsedRow): void {
  const blocks = unsplit.cells.flat()
  const modelBlocks: Array<{ block: ParsedBlock; column: number }> = []
  model.cells.forEach((cell, column) => cell.forEach((block) => modelBlocks.push({ block, column })))
  const cells: ParsedBlock[][] = model.cells.map(() => [])
  let column = 0
  for (const bead of alignUnits(
    modelBlocks.map((entry) => unit(entry.block)),
    blocks.map(unit),
  )) {
    if (bead.a.length > 0) column = Math.max(column, modelBlocks[bead.a[0]!]!.column)
    for (const index of bead.b) cells[column]!.push(blocks[index]!)
  }
  unsplit.cells = cells
  delete unsplit.unsplit
}

/**
 * Align a matched pair of sections: tables in order (rows by position, blocks cell by cell),
 * and the blocks outside tables in order. A row written without cell boundaries in one language
 * is first split into columns like its counterpart. Warnings say what was repaired.
 */
export function alignSections(
  es: ParsedSection,
  en: ParsedSection,
  newId: () => string,
  warnings: ImportWarning[],
): void {
  const tablesEs = es.items.filter(isTable)
  const tablesEn = en.items.filter(isTable)
  for (let t = 0; t < Math.min(tablesEs.length, tablesEn.length); t++) {
    const [a, b] = [tablesEs[t]!, tablesEn[t]!]
    if (a.kind !== b.kind) continue
    const tableId = newId()
    a.id = tableId
    b.id = tableId
    for (let r = 0; r < Math.min(a.rows.length, b.rows.length); r++) {
      const [rowA, rowB] = [a.rows[r]!, b.rows[r]!]
      for (const [row, model, language] of [
        [rowA, rowB, 'es'],
        [rowB, rowA, 'en'],
      ] as Array<[ParsedRow, ParsedRow, Language]>) {
        if (row.unsplit && !model.unsplit) {
          splitRowLike(row, model)
          const other = language === 'es' ? 'English' : 'Spanish'
          warnings.push({
            code: 'irregular-table',
            language,
            line: row.line,
            section: es.key,
            message: `The table of "${language === 'es' ? es.heading : en.heading}" marks no cell boundaries (no tab lines); its blocks were put into columns by aligning them with the ${other} table`,
          })
        }
      }
      const rowId = newId()
      rowA.id = rowId
      rowB.id = rowId
      rowA.cells.forEach((cell, column) => alignBlocks(cell, rowB.cells[column] ?? [], newId))
    }
  }
  const blocksEs = es.items.filter((item): item is ParsedBlock => !isTable(item))
  const blocksEn = en.items.filter((item): item is ParsedBlock => !isTable(item))
  alignBlocks(blocksEs, blocksEn, newId)
}
