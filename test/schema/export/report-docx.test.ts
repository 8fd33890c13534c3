import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { reportToDocx, tableKind, type Section } from '../../../schema/index.ts'
import { actorSection, doc, p, reportOf, row, table } from '../../helpers/documents.ts'

const report = reportOf([
  actorSection(
    'iom',
    doc(
      p('a', 'La OIM <b>&</b> el ACNUR'),
      table([row('r1', { executed: 'Asistencia a 120 víctimas', financing: 'Fondo Regular' })]),
    ),
    doc(p('a', 'IOM and UNHCR'), table([row('r1', { executed: 'Assistance to 120 victims' })])),
  ),
])

/** Two sections, every text of which is in one language only. */
const bilingual = reportOf([
  {
    ...report.sections[0]!,
    heading: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' },
  },
  {
    id: 'background',
    kind: 'narrative',
    heading: { es: 'Antecedentes', en: 'Background' },
    groups: [{ es: 'Parte primera', en: 'Part one' }],
    es: doc(p('b', 'Texto inicial')),
    en: doc(p('b', 'Initial text')),
  } satisfies Section,
])

/** The paragraphs with text in one language's cell, for each section of `bilingual`: group line, heading, body (here a table: its heading row, then its row). */
const headings = tableKind('actor').columns.map((column) => column.heading)
const cellLines: ReadonlyArray<Record<'es' | 'en', readonly string[]>> = [
  {
    es: [
      'Organización Internacional para las Migraciones',
      'La OIM <b>&</b> el ACNUR',
      ...headings.map((heading) => heading.es),
      'Asistencia a 120 víctimas',
      'Fondo Regular',
    ],
    en: [
      'International Organization for Migration',
      'IOM and UNHCR',
      ...headings.map((heading) => heading.en),
      'Assistance to 120 victims',
    ],
  },
  { es: ['Parte primera', 'Antecedentes', 'Texto inicial'], en: ['Part one', 'Background', 'Initial text'] },
]

function documentXml(bytes: Uint8Array): string {
  const files = unzipSync(bytes)
  expect(Object.keys(files)).toContain('word/document.xml')
  return strFromU8(files['word/document.xml']!)
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** The text of the paragraphs (`w:p`) that have any in a piece of WordprocessingML, one a line, entities decoded. */
function paragraphsText(xml: string): string {
  // An empty paragraph is written `<w:p/>` (an empty table cell, and the one Word needs after a table ending a cell).
  return [...xml.matchAll(/<w:p(?:\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/w:p>)/g)]
    .map(([, inside = '']) =>
      [...inside.matchAll(/<w:t(?:\s[^>]*?)?>([^<]*)<\/w:t>/g)]
        .map(([, text]) => text!.replace(/&(\w+);/g, (_, name: string) => entities[name] ?? `&${name};`))
        .join(''),
    )
    .filter((text) => text !== '')
    .join('\n')
}

/** The tables (`w:tbl`) at the top level of the document's body: each a list of rows, each row its cells' texts (tables inside a cell are part of its text). */
function topLevelTables(xml: string): string[][][] {
  const tables: string[][][] = []
  const open: string[][][] = []
  const cellStarts: number[] = []
  for (const tag of xml.matchAll(/<(\/?)w:(tbl|tr|tc)\b[^>]*>/g)) {
    const [whole, closing, name] = tag
    const at = tag.index
    if (name === 'tbl' && !closing) open.push([])
    else if (name === 'tbl') {
      const done = open.pop()!
      if (open.length === 0) tables.push(done)
    } else if (name === 'tr' && !closing) open.at(-1)!.push([])
    else if (name === 'tc' && !closing) cellStarts.push(at + whole!.length)
    else if (name === 'tc')
      open
        .at(-1)!
        .at(-1)!
        .push(paragraphsText(xml.slice(cellStarts.pop(), at)))
  }
  return tables
}

describe('reportToDocx', () => {
  it('writes a Word file with the Spanish text, table headings from the column set and escaped markup', async () => {
    const xml = documentXml(await reportToDocx(report, { language: 'es' }))
    expect(xml).toContain('Asistencia a 120 víctimas')
    expect(xml).toContain('Tipo de financiamiento (solo para SG/OEA)')
    expect(xml).toContain('La OIM &lt;b&gt;&amp;&lt;/b&gt; el ACNUR')
    expect(xml).not.toContain('Assistance to 120 victims')
  })

  it('puts both languages side by side: each section one table row, Spanish in its first cell and English in its second', async () => {
    const tables = topLevelTables(documentXml(await reportToDocx(bilingual, { language: 'both' })))
    // One table per section, in order, each of one row: [Spanish cell, English cell].
    expect(tables).toEqual(cellLines.map((lines) => [[lines.es.join('\n'), lines.en.join('\n')]]))
  })
})
