import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  checkDoc,
  checkReport,
  fragmentName,
  reportToYDoc,
  schema,
  yDocToReport,
  type DocJSON,
  type Report,
} from '../../schema/index.ts'

const es: DocJSON = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { id: 'h1', level: 2 }, content: [{ type: 'text', text: 'Antecedentes' }] },
    {
      type: 'paragraph',
      attrs: { id: 'p1' },
      content: [
        { type: 'text', text: 'La ' },
        { type: 'text', text: 'CIDH', marks: [{ type: 'strong' }] },
        { type: 'hard_break' },
        { type: 'text', text: 'ver ', marks: [{ type: 'em' }] },
        {
          type: 'text',
          text: 'MILEX',
          marks: [{ type: 'link', attrs: { href: 'http://migracionoea.org/milex', title: null } }],
        },
      ],
    },
    {
      type: 'ordered_list',
      attrs: { order: 3 },
      content: [
        {
          type: 'list_item',
          attrs: { id: 'l1' },
          content: [{ type: 'paragraph', attrs: { id: 'p2' }, content: [{ type: 'text', text: 'uno' }] }],
        },
      ],
    },
    {
      type: 'report_table',
      attrs: { id: 't1', kind: 'cam-calendar' },
      content: [
        {
          type: 'table_row',
          attrs: { id: 'r1' },
          content: [
            {
              type: 'table_cell',
              attrs: { column: 'date' },
              content: [
                { type: 'paragraph', attrs: { id: 'p3' }, content: [{ type: 'text', text: '1.250,5 — 15 de enero' }] },
              ],
            },
            {
              type: 'table_cell',
              attrs: { column: 'activity' },
              content: [
                {
                  type: 'bullet_list',
                  content: [
                    { type: 'list_item', attrs: { id: 'l2' }, content: [{ type: 'paragraph', attrs: { id: 'p4' } }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
}

const report: Report = {
  id: 'sample',
  meta: {
    title: { es: 'Informe', en: 'Report' },
    kind: 'annual-report',
    status: 'draft',
    symbol: 'CP/CAJP-1',
    front: { es: 'Portada', en: '' },
  },
  actors: [{ id: 'iachr', name: { es: 'Comisión', en: 'Commission' }, acronym: { es: 'CIDH', en: 'IACHR' } }],
  sections: [
    {
      id: 'background',
      kind: 'narrative',
      heading: { es: 'I. Antecedentes', en: 'I. Background' },
      groups: [],
      es,
      en: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'p1' } }] },
    },
    {
      id: 'iachr',
      kind: 'actor',
      actor: 'iachr',
      heading: { es: 'A. CIDH', en: 'A. IACHR' },
      groups: [{ es: 'De los Órganos', en: 'Organs' }],
      es: {
        type: 'doc',
        content: [
          { type: 'paragraph', attrs: { id: 'x' }, content: [{ type: 'text', text: '<script>alert(1)</script>' }] },
        ],
      },
      en: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'x' } }] },
    },
  ],
}

describe('reportToYDoc', () => {
  it('writes the public layout: meta, sections, actors and one fragment per section and language', () => {
    const ydoc = reportToYDoc(report)
    expect(ydoc.getMap('meta').get('title_es')).toBe('Informe')
    expect(ydoc.getMap('meta').get('kind')).toBe('annual-report')
    const sections = ydoc.getArray<Y.Map<unknown>>('sections').toArray()
    expect(sections.map((s) => s.get('id'))).toEqual(['background', 'iachr'])
    expect(sections[1]!.get('actor')).toBe('iachr')
    expect(sections[1]!.get('heading_en')).toBe('A. IACHR')
    const actor = ydoc.getMap<Y.Map<string>>('actors').get('iachr')!
    expect(actor.get('acronym_es')).toBe('CIDH')
    expect(fragmentName('es', 'iachr')).toBe('es/iachr')
    expect(ydoc.getXmlFragment('es/background').length).toBe(4)
    expect(ydoc.getXmlFragment('en/background').length).toBe(1)
  })

  it('round-trips a report through a Y.Doc and its encoded state without changing anything', () => {
    const ydoc = reportToYDoc(report)
    expect(yDocToReport(ydoc)).toEqual(report)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc))
    expect(yDocToReport(copy)).toEqual(report)
  })
})

describe('checkDoc', () => {
  it('accepts a body that fits the schema', () => {
    expect(checkDoc(es).childCount).toBe(4)
  })

  it("refuses a table row whose cells are not its kind's columns", () => {
    const bad = structuredClone(es) as unknown as {
      content: Array<{ content?: Array<{ content?: Array<{ attrs?: object }> }> }>
    }
    bad.content[3]!.content![0]!.content![1]!.attrs = { column: 'calendar' }
    expect(() => checkDoc(bad, 'es/x')).toThrow(/es\/x: row 1 of a "cam-calendar" table has columns \[date, calendar\]/)
  })

  it('refuses a javascript: link and an unknown node', () => {
    const link = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }],
        },
      ],
    }
    expect(() => checkDoc(link)).toThrow(/http\(s\) or mailto/)
    expect(() => checkDoc({ type: 'doc', content: [{ type: 'script' }] })).toThrow(RangeError)
    expect(() => checkDoc('doc')).toThrow(/expected a ProseMirror "doc" node/)
  })
})

describe('checkReport', () => {
  it('accepts the sample and refuses a section naming an unknown actor', () => {
    expect(() => checkReport(report)).not.toThrow()
    const bad = { ...report, sections: [{ ...report.sections[1]!, actor: 'nobody' }] }
    expect(() => checkReport(bad)).toThrow(/names actor "nobody"/)
  })

  it('refuses duplicated section ids', () => {
    const bad = { ...report, sections: [report.sections[0]!, report.sections[0]!] }
    expect(() => checkReport(bad)).toThrow(/appears twice/)
  })
})

describe('schema', () => {
  it('has the nodes of a section body', () => {
    expect(Object.keys(schema.nodes)).toEqual(
      expect.arrayContaining([
        'doc',
        'paragraph',
        'heading',
        'bullet_list',
        'ordered_list',
        'list_item',
        'report_table',
        'table_row',
        'table_cell',
        'hard_break',
      ]),
    )
    expect(Object.keys(schema.marks).sort()).toEqual(['em', 'link', 'strong'])
  })
})
