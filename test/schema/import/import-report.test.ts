import { describe, expect, it } from 'vitest'
import { checkReport, reportToYDoc, yDocToReport, type Report } from '../../../schema/index.ts'
import { importReport } from '../../../schema/import/import-report.ts'
import { blockIds, cell, counter, seedBytes, tableRows, textOf } from './seed-files.ts'

const actorOrder = ['iachr', 'mide', 'rial', 'education', 'dps', 'summits', 'can', 'csm', 'unhcr', 'ilo', 'iom', 'iihr']
const es = seedBytes('annual-report-2011-2012.es.txt')
const en = seedBytes('annual-report-2011-2012.en.txt')

function section(report: Report, id: string) {
  const found = report.sections.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no section ${id}`)
  return found
}

describe('importReport: the Spanish annual report alone', () => {
  const { report, warnings } = importReport({ es, newId: counter() })

  it('yields the twelve actor sections in the Spanish order', () => {
    expect(report.sections.filter((s) => s.kind === 'actor').map((s) => s.actor)).toEqual(actorOrder)
    expect(report.actors.map((actor) => actor.id)).toEqual(actorOrder)
  })

  it('yields the narrative sections with ids from their English headings', () => {
    expect(report.sections.filter((s) => s.kind === 'narrative').map((s) => s.id)).toEqual([
      'background',
      'program-objectives',
      'annual-activities-report',
      'conclusion',
    ])
    expect(report.sections.map((s) => s.id).slice(0, 3)).toEqual([
      'background',
      'program-objectives',
      'annual-activities-report',
    ])
    expect(report.sections.at(-1)!.id).toBe('conclusion')
  })

  it('passes checkReport, with the English side of every section one empty paragraph', () => {
    expect(() => checkReport(report)).not.toThrow()
    for (const s of report.sections) {
      expect(s.en.content).toHaveLength(1)
      expect(s.en.content![0]!.type).toBe('paragraph')
      expect(s.en.content![0]!.content).toBeUndefined()
    }
  })

  it('derives the report id from the kind and the years of the table', () => {
    expect(report.id).toBe('annual-report-2011-2012')
    expect(report.meta.kind).toBe('annual-report')
  })

  it('keeps the cover page as front matter and the title line as title, not as content', () => {
    expect(report.meta.symbol).toBe('CP/CAJP-3035/12 add. 4 rev. 2')
    expect(report.meta.front.es).toContain('CONSEJO PERMANENTE DE LA')
    expect(report.meta.front.es).toContain('28 febrero 2012')
    expect(report.meta.title.es).toMatch(/^INFORME ANUAL DE ACTIVIDADES .* FAMILIAS$/)
    const all = report.sections.map((s) => textOf(s.es)).join('\n')
    expect(all).not.toContain('INDICE')
    expect(all).not.toContain('CONSEJO PERMANENTE')
  })

  it('puts one actor table with five columns in every actor section', () => {
    for (const s of report.sections.filter((candidate) => candidate.kind === 'actor')) {
      const tables = s.es.content!.filter((node) => node.type === 'report_table')
      expect(tables, s.id).toHaveLength(1)
      expect(tables[0]!.attrs!['kind']).toBe('actor')
      for (const row of tableRows(s.es)) {
        expect(row.content!.map((c) => c.attrs!['column'])).toEqual([
          'mandate',
          'programmed',
          'executed',
          'planned',
          'financing',
        ])
      }
    }
  })

  it('puts known cells in their columns, with numbered lines as ordered lists', () => {
    const [iachr] = tableRows(section(report, 'iachr').es)
    const mandate = cell(iachr!, 'mandate')
    expect(mandate.content![0]!.type).toBe('ordered_list')
    expect(mandate.content![0]!.attrs!['order']).toBe(1)
    expect(mandate.content![0]!.content).toHaveLength(4)
    expect(textOf(mandate.content![0]!.content![0]!)).toMatch(/^Desarrollar acciones de promoción/)
    expect(textOf(cell(iachr!, 'programmed'))).toMatch(/^Actividad programada No\. 1: Elaboración/)
    expect(textOf(cell(iachr!, 'executed'))).toMatch(/^Actividad No\. 1:/)
    const [mide] = tableRows(section(report, 'mide').es)
    expect(textOf(cell(mide!, 'financing'))).toContain('Financiamiento de la Unión Europea')
    expect(textOf(cell(mide!, 'planned'))).toMatch(/^Actualización y Mantenimiento del MILEX/)
    const [rial] = tableRows(section(report, 'rial').es)
    const programmed = cell(rial!, 'programmed')
    expect(programmed.content!.map((node) => node.type).filter((type) => type !== 'bullet_list')).toEqual([])
    expect(textOf(programmed)).not.toContain('·')
    const [unhcr] = tableRows(section(report, 'unhcr').es)
    expect(textOf(cell(unhcr!, 'programmed'))).toBe('')
    expect(textOf(cell(unhcr!, 'executed'))).toMatch(/^Aniversario/)
  })

  it('keeps the numbering of lists that do not start at one', () => {
    const [education] = tableRows(section(report, 'education').es)
    const list = cell(education!, 'mandate').content![0]!
    expect(list.type).toBe('ordered_list')
    expect(list.attrs!['order']).toBe(16)
  })

  it('reports the table of contents numbering IOM B.3 while the text says B.4', () => {
    const mismatch = warnings.filter((w) => w.code === 'toc-mismatch')
    expect(mismatch).toHaveLength(1)
    expect(mismatch[0]).toMatchObject({ language: 'es', section: 'iom', line: 95 })
    expect(mismatch[0]!.message).toMatch(/B\.3.*B\.4/)
  })
})

describe('importReport: the Spanish and English annual report together', () => {
  const started = performance.now()
  const { report, warnings } = importReport({ es, en, newId: counter() })
  const elapsed = performance.now() - started

  it('gives all twelve actor sections both languages, IOM once', () => {
    const actors = report.sections.filter((s) => s.kind === 'actor')
    expect(actors.map((s) => s.actor)).toEqual(actorOrder)
    for (const s of actors) {
      expect(textOf(s.es).length, `${s.id} es`).toBeGreaterThan(50)
      expect(textOf(s.en).length, `${s.id} en`).toBeGreaterThan(50)
    }
    expect(report.sections.filter((s) => s.actor === 'iom')).toHaveLength(1)
    expect(() => checkReport(report)).not.toThrow()
  })

  it('pairs the narrative sections and takes both titles', () => {
    expect(section(report, 'background').heading).toEqual({ es: 'I. Antecedentes', en: 'I. Background' })
    expect(section(report, 'conclusion').heading.en).toBe('IV. Conclusion')
    expect(report.meta.title.en).toMatch(/^ANNUAL REPORT ON ACTIVITIES/)
    expect(report.meta.front.en).toBe('')
  })

  it('reports the duplicated IOM section, the other order, the malformed headings', () => {
    const codes = (code: string) => warnings.filter((w) => w.code === code)
    expect(codes('duplicate-section')).toEqual([expect.objectContaining({ language: 'en', section: 'iom', line: 894 })])
    expect(codes('order-differs').map((w) => w.section)).toEqual(['iom'])
    expect(codes('toc-mismatch').map((w) => w.section)).toEqual(['iom'])
    const malformed = codes('malformed-heading')
    expect(malformed.map((w) => w.line)).toEqual(expect.arrayContaining([235, 400]))
    expect(malformed.filter((w) => w.language !== 'en')).toEqual([])
    expect(malformed.find((w) => w.line === 235)!.message).toContain('B.B2.')
    expect(malformed.find((w) => w.line === 400)!.message).toContain('D..')
  })

  it('shares block ids between aligned blocks, and keeps ids unique in each document', () => {
    for (const s of report.sections) {
      for (const doc of [s.es, s.en]) {
        const ids = blockIds(doc)
        expect(new Set(ids).size, s.id).toBe(ids.length)
      }
    }
    const iachr = section(report, 'iachr')
    const [rowEs] = tableRows(iachr.es)
    const [rowEn] = tableRows(iachr.en)
    expect(rowEs!.attrs!['id']).toBe(rowEn!.attrs!['id'])
    const itemsEs = cell(rowEs!, 'mandate').content![0]!.content!
    const itemsEn = cell(rowEn!, 'mandate').content![0]!.content!
    expect(itemsEs.map((item) => item.attrs!['id'])).toEqual(itemsEn.map((item) => item.attrs!['id']))
    const background = section(report, 'background')
    expect(background.es.content!.map((p) => p.attrs!['id'])).toEqual(background.en.content!.map((p) => p.attrs!['id']))
  })

  it('puts the English MiDE table, written without cell tabs, into columns like the Spanish one', () => {
    const [row] = tableRows(section(report, 'mide').en)
    expect(textOf(cell(row!, 'mandate'))).toMatch(/^Share best\spractices/)
    expect(textOf(cell(row!, 'financing'))).toMatch(/Financing\sof\sthe\sEuropean\sUnion/)
    expect(textOf(cell(row!, 'mandate'))).not.toMatch(/European\sUnion/)
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'irregular-table', section: 'mide', language: 'en' }),
    )
  })

  it('survives the trip through a Y.Doc unchanged', () => {
    expect(yDocToReport(reportToYDoc(report))).toEqual(report)
  })

  it('imports the pair in well under two seconds', () => {
    expect(elapsed).toBeLessThan(2000)
  })
})

describe('importReport: the English annual report alone', () => {
  const { report, warnings } = importReport({ en, newId: counter() })

  it('keeps the English order, IOM once, and reports the repetition', () => {
    expect(report.sections.filter((s) => s.kind === 'actor').map((s) => s.actor)).toEqual([
      'iachr',
      'mide',
      'rial',
      'education',
      'dps',
      'summits',
      'can',
      'csm',
      'iom',
      'unhcr',
      'ilo',
      'iihr',
    ])
    expect(warnings.filter((w) => w.code === 'duplicate-section')).toEqual([
      expect.objectContaining({ language: 'en', line: 894, section: 'iom' }),
    ])
    for (const s of report.sections) expect(textOf(s.es)).toBe('')
  })

  it('says that the MiDE table has no cell boundaries to follow', () => {
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: 'irregular-table',
        section: 'mide',
        message: expect.stringMatching(/first column/),
      }),
    )
  })
})

describe('importReport: ids and options', () => {
  it('honours an explicit report id', () => {
    expect(importReport({ es, id: 'informe-2012' }).report.id).toBe('informe-2012')
  })

  it('gives equal reports for equal input with the same id source', () => {
    const a = importReport({ es, en, newId: counter() })
    const b = importReport({ es, en, newId: counter() })
    expect(b).toEqual(a)
  })
})
