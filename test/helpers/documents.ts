// Small builders for section bodies in tests: p('id', 'text'), row('id', {column: 'text'}), doc(...).
import type { DocJSON, NodeJSON, Report, Section } from '../../schema/index.ts'
import { tableKind } from '../../schema/index.ts'

/** A paragraph with a block id and plain text. */
export function p(id: string, text: string): NodeJSON {
  return { type: 'paragraph', attrs: { id }, ...(text ? { content: [{ type: 'text', text }] } : {}) }
}

/** A heading with a block id. */
export function h(id: string, text: string, level = 3): NodeJSON {
  return { type: 'heading', attrs: { id, level }, content: [{ type: 'text', text }] }
}

/** A table row of `kind` (default `actor`): each column holds one paragraph `<rowId>-<column>` with the given text. */
export function row(id: string, texts: Record<string, string>, kind = 'actor'): NodeJSON {
  return {
    type: 'table_row',
    attrs: { id },
    content: tableKind(kind).columns.map((column) => ({
      type: 'table_cell',
      attrs: { column: column.id },
      content: [p(`${id}-${column.id}`, texts[column.id] ?? '')],
    })),
  }
}

/** A report table of `kind` holding `rows`. */
export function table(rows: NodeJSON[], kind = 'actor', id = 't'): NodeJSON {
  return { type: 'report_table', attrs: { id, kind }, content: rows }
}

/** A section body. */
export function doc(...content: NodeJSON[]): DocJSON {
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph', attrs: { id: null } }] }
}

/** An actor section with bodies in both languages. */
export function actorSection(id: string, es: DocJSON, en: DocJSON): Section {
  return { id, kind: 'actor', actor: id, heading: { es: id.toUpperCase(), en: id.toUpperCase() }, groups: [], es, en }
}

/** A report holding `sections`, with an actor entry for each actor section. */
export function reportOf(sections: Section[]): Report {
  return {
    id: 'test-report',
    meta: {
      title: { es: 'Informe', en: 'Report' },
      kind: 'annual-report',
      status: 'draft',
      symbol: '',
      front: { es: '', en: '' },
    },
    actors: sections
      .filter((s) => s.actor)
      .map((s) => ({ id: s.actor!, name: { es: s.actor!, en: s.actor! }, acronym: { es: s.actor!, en: s.actor! } })),
    sections,
  }
}
