import { Node } from 'prosemirror-model'
import { languages } from './languages.ts'
import { schema } from './prosemirror-schema.ts'
import { reportKinds, reportStatuses, sectionKinds, type DocJSON, type Report } from './report.ts'
import { tableKind } from './table-kinds.ts'

/** A stable slug: lowercase letters, digits and single hyphens, 1 to 64 characters. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** True when `value` is a slug usable as a report, section or actor id. */
export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && slugPattern.test(value)
}

/** Check that every report table's rows hold exactly its kind's columns, in order. */
function checkTables(doc: Node, where: string): void {
  doc.descendants((node) => {
    if (node.type.name !== 'report_table') return true
    const columns = tableKind(node.attrs['kind'] as string).columns.map((column) => column.id)
    node.forEach((row, _offset, rowIndex) => {
      const cells: string[] = []
      row.forEach((cell) => cells.push(cell.attrs['column'] as string))
      if (cells.join('|') !== columns.join('|')) {
        throw new RangeError(
          `${where}: row ${rowIndex + 1} of a "${node.attrs['kind']}" table has columns [${cells.join(', ')}], expected [${columns.join(', ')}]`,
        )
      }
    })
    return false
  })
}

/**
 * Parse and check a section body. Returns the ProseMirror node. Throws `RangeError` naming
 * `where` and what is wrong when the JSON does not fit the schema or a table's column set.
 */
export function checkDoc(json: unknown, where = 'document'): Node {
  let node: Node
  try {
    if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'doc') {
      throw new RangeError('expected a ProseMirror "doc" node')
    }
    node = Node.fromJSON(schema, json)
    node.check()
  } catch (error) {
    throw new RangeError(`${where}: ${(error as Error).message}`)
  }
  checkTables(node, where)
  return node
}

/**
 * Check a whole report: ids, kinds, actors and every body. Throws `RangeError` with the first
 * problem found, naming the section and language.
 */
export function checkReport(report: Report): void {
  if (!isSlug(report.id)) throw new RangeError(`Report id ${JSON.stringify(report.id)} is not a slug`)
  if (!reportKinds.includes(report.meta.kind))
    throw new RangeError(`Unknown report kind ${JSON.stringify(report.meta.kind)}`)
  if (!reportStatuses.includes(report.meta.status))
    throw new RangeError(`Unknown report status ${JSON.stringify(report.meta.status)}`)
  const actorIds = new Set<string>()
  for (const actor of report.actors) {
    if (!isSlug(actor.id)) throw new RangeError(`Actor id ${JSON.stringify(actor.id)} is not a slug`)
    if (actorIds.has(actor.id)) throw new RangeError(`Actor "${actor.id}" is listed twice`)
    actorIds.add(actor.id)
  }
  const sectionIds = new Set<string>()
  for (const section of report.sections) {
    if (!isSlug(section.id)) throw new RangeError(`Section id ${JSON.stringify(section.id)} is not a slug`)
    if (sectionIds.has(section.id)) throw new RangeError(`Section "${section.id}" appears twice`)
    sectionIds.add(section.id)
    if (!sectionKinds.includes(section.kind))
      throw new RangeError(`Section "${section.id}" has unknown kind ${JSON.stringify(section.kind)}`)
    if (section.kind === 'actor' && (!section.actor || !actorIds.has(section.actor))) {
      throw new RangeError(
        `Section "${section.id}" names actor ${JSON.stringify(section.actor)}, which is not in the report's actors`,
      )
    }
    for (const language of languages)
      checkDoc(section[language] satisfies DocJSON, `section "${section.id}" (${language})`)
  }
}
