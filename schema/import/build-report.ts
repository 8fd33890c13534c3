import { knownActors } from '../actors.ts'
import { withUniqueBlockIds } from '../block-ids.ts'
import { checkDoc } from '../check.ts'
import type { Bilingual } from '../languages.ts'
import type { Actor, DocJSON, NodeJSON, Report, ReportKind, Section } from '../report.ts'
import { tableKind } from '../table-kinds.ts'
import { blocksToNodes } from './blocks.ts'
import { isTable, type ParsedBlock, type ParsedItem, type ParsedSection, type ParsedTable } from './parsed.ts'

/** A section of the report to be: its Spanish and/or English original. */
export interface SectionPlan {
  readonly es?: ParsedSection
  readonly en?: ParsedSection
}

function tableNode(table: ParsedTable, newId: () => string): NodeJSON {
  const columns = tableKind(table.kind).columns
  return {
    type: 'report_table',
    attrs: { id: table.id ?? newId(), kind: table.kind },
    content: table.rows.map((row) => ({
      type: 'table_row',
      attrs: { id: row.id ?? newId() },
      content: columns.map((column, index) => {
        const nodes = blocksToNodes(row.cells[index] ?? [], newId)
        return {
          type: 'table_cell',
          attrs: { column: column.id },
          content: nodes.length > 0 ? nodes : [{ type: 'paragraph', attrs: { id: newId() } }],
        }
      }),
    })),
  }
}

/** The ProseMirror document of a section's items; one empty paragraph when there are none. */
export function itemsToDoc(items: readonly ParsedItem[], newId: () => string): DocJSON {
  const content: NodeJSON[] = []
  let run: ParsedBlock[] = []
  for (const item of items) {
    if (isTable(item)) {
      content.push(...blocksToNodes(run, newId), tableNode(item, newId))
      run = []
    } else run.push(item)
  }
  content.push(...blocksToNodes(run, newId))
  const doc: DocJSON = {
    type: 'doc',
    content: content.length > 0 ? content : [{ type: 'paragraph', attrs: { id: newId() } }],
  }
  // Ids are unique by construction; the repair is a guard that keeps the document valid regardless.
  return withUniqueBlockIds(checkDoc(doc)).toJSON() as DocJSON
}

/** Pair two lists of group headings from the innermost outwards (the innermost are the most specific). */
function pairGroups(es: readonly string[], en: readonly string[]): Bilingual[] {
  const groups: Bilingual[] = []
  for (let k = 1; k <= Math.max(es.length, en.length); k++) {
    groups.unshift({ es: es[es.length - k] ?? '', en: en[en.length - k] ?? '' })
  }
  return groups
}

/** What the report says about itself, ready to be built. */
export interface ReportPlan {
  readonly id: string
  readonly kind: ReportKind
  readonly title: Bilingual
  readonly symbol: string
  readonly front: Bilingual
  readonly sections: readonly SectionPlan[]
}

/**
 * Build the report: one section per plan (ids unique, actor sections named after their actor,
 * narrative sections after their English heading when known), with the registry's entry for
 * every actor that has a section.
 */
export function buildReport(plan: ReportPlan, newId: () => string): Report {
  const used = new Set<string>()
  const actors: Actor[] = []
  const sections: Section[] = plan.sections.map(({ es, en }) => {
    const base = (es?.kind === 'actor' ? es.key : (en?.key ?? es?.key)) ?? 'section'
    let id = base
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`
    used.add(id)
    const actorId = es?.actor ?? en?.actor
    const actor = actorId ? knownActors.find((known) => known.id === actorId) : undefined
    if (actor && !actors.includes(actor)) actors.push(actor)
    const kind = (es ?? en)!.kind
    return {
      id,
      kind: actor ? kind : 'narrative',
      ...(actor && kind === 'actor' ? { actor: actor.id } : {}),
      heading: { es: es?.heading ?? '', en: en?.heading ?? '' },
      groups: pairGroups(es?.groups ?? [], en?.groups ?? []),
      es: itemsToDoc(es?.items ?? [], newId),
      en: itemsToDoc(en?.items ?? [], newId),
    }
  })
  return {
    id: plan.id,
    meta: { title: plan.title, kind: plan.kind, status: 'draft', symbol: plan.symbol, front: plan.front },
    actors,
    sections,
  }
}
