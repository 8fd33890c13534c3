import { describe, expect, it } from 'vitest'
import { checkReport, importReport, type Report } from '../../../schema/index.ts'
import { cell, counter, seedBytes, tableRows, textOf } from './seed-files.ts'

function imported(name: string): Report {
  return importReport({ es: seedBytes(`${name}.es.txt`), newId: counter() }).report
}

function tables(report: Report) {
  return report.sections.flatMap((s) => s.es.content!.filter((node) => node.type === 'report_table'))
}

function columns(report: Report): string[][] {
  return tables(report).flatMap((table) =>
    table.content!.map((row) => row.content!.map((c) => String(c.attrs!['column']))),
  )
}

describe('importReport: work plans', () => {
  it('imports every work plan as a Spanish-only work-plan report with an empty English side', () => {
    for (const name of ['crm-action-plan-2006', 'cam-work-plan-2018-2019', 'crm-network-work-plan-2009']) {
      const report = imported(name)
      expect(() => checkReport(report)).not.toThrow()
      expect(report.id).toBe(name)
      expect(report.meta.kind).toBe('work-plan')
      expect(report.actors).toEqual([])
      for (const s of report.sections) {
        expect(s.kind).toBe('narrative')
        expect(s.en.content).toHaveLength(1)
        expect(textOf(s.en)).toBe('')
      }
    }
  })

  it('reads the CRM action plan table with its five columns, cells in place', () => {
    const report = imported('crm-action-plan-2006')
    expect(report.meta.title.es).toBe('PLAN DE ACCION CONFERENCIA REGIONAL SOBRE MIGRACION (CRM)')
    expect(report.meta.front.es).toContain('27-29 de noviembre de 2006')
    expect(tables(report).map((t) => t.attrs!['kind'])).toEqual(['crm-action-plan'])
    for (const row of columns(report)) expect(row).toEqual(['theme', 'objective', 'action', 'activities', 'calendar'])
    const rows = tableRows(report.sections[0]!.es)
    expect(rows).toHaveLength(31)
    expect(textOf(cell(rows[0]!, 'theme'))).toBe('POLÍTICAS Y GESTIÓN MIGRATORIA')
    const objective = cell(rows[0]!, 'objective').content![0]!
    expect(objective.type).toBe('ordered_list')
    expect(textOf(objective)).toMatch(/^ELABORACIÓN, REVISIÓN E IMPLEMENTACIÓN/)
    expect(textOf(cell(rows[0]!, 'action'))).toMatch(/^MEJORAR LA PLANIFICACIÓN/)
    expect(textOf(cell(rows[0]!, 'activities'))).toMatch(/^LA SECRETARIA TÉCNICA PREPARARÁ/)
    expect(textOf(cell(rows[0]!, 'calendar'))).toMatch(/^CONTINUO\nLA SECRETARIA TÉCNICA \(ST\)/)
    expect(textOf(cell(rows[1]!, 'theme'))).toBe('')
    expect(textOf(cell(rows[1]!, 'objective'))).toMatch(/^INTERCAMBIO DE INFORMACIÓN/)
  })

  it('reads the CAM work plan: narrative sections, then the calendar', () => {
    const report = imported('cam-work-plan-2018-2019')
    expect(report.meta.title.es).toMatch(/^PLAN DE TRABAJO DE LA VICEPREDENCIA .* PERIODO 2018 – 2019$/)
    expect(report.sections.map((s) => s.id)).toEqual([
      'introduccion',
      'mandatos',
      'actores-del-programa-y-actividades-especificas',
      'cam-calendar',
    ])
    const intro = report.sections[0]!.es.content!
    expect(intro.filter((node) => node.type === 'heading').map(textOf)).toContain('A. Objetivos generales')
    expect(intro.map((node) => node.type)).toContain('ordered_list')
    for (const row of columns(report)) expect(row).toEqual(['date', 'activity'])
    const rows = tableRows(report.sections[3]!.es)
    expect(rows).toHaveLength(6)
    expect(textOf(cell(rows[0]!, 'date'))).toBe('FEBRERO – 2019')
    expect(textOf(cell(rows[0]!, 'activity'))).toMatch(/^Circulación del Plan de Trabajo/)
    expect(textOf(cell(rows[5]!, 'date'))).toBe('ABRIL - 2019')
  })

  it('reads the network work plan by outline numbering, with its bands as headings', () => {
    const report = imported('crm-network-work-plan-2009')
    const body = report.sections[0]!.es.content!
    expect(body[0]).toMatchObject({ type: 'heading' })
    expect(textOf(body[0]!)).toBe('POLÍTICAS Y GESTIÓN MIGRATORIA')
    expect(body.filter((node) => node.type === 'heading').map(textOf)).toContain('B. Intercambio de información')
    for (const row of columns(report)) expect(row).toEqual(['objective', 'activities', 'responsible', 'calendar'])
    const [first, second] = tableRows(report.sections[0]!.es)
    expect(textOf(cell(first!, 'objective'))).toMatch(/^Instar a los países miembros/)
    expect(textOf(cell(first!, 'activities'))).toMatch(/^1\.1 Informar/)
    expect(textOf(cell(first!, 'responsible'))).toMatch(/^1\.1\.1 Los países presentan/)
    expect(textOf(cell(first!, 'calendar'))).toMatch(/^1\.1\.1\.1 Continuo/)
    expect(textOf(cell(second!, 'responsible'))).toMatch(/^2\.1\.1 Países miembros/)
  })
})
