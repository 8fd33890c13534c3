import { describe, expect, it } from 'vitest'
import { diffReports } from '../../../schema/index.ts'
import { actorSection, doc, p, reportOf, row, table } from '../../helpers/documents.ts'

const before = reportOf([
  actorSection(
    'iom',
    doc(table([row('r1', { executed: 'Asistencia a víctimas' })])),
    doc(table([row('r1', { executed: 'Assistance to victims' })])),
  ),
  actorSection('ilo', doc(p('a', 'Mejorar las políticas')), doc(p('a', 'Improve policies'))),
])

describe('diffReports', () => {
  it('leaves unchanged sections out', () => {
    expect(diffReports(before, before).sections).toEqual([])
  })

  it('shows a cell changed in one language only as a change of that language', () => {
    const after = reportOf([
      actorSection('iom', doc(table([row('r1', { executed: 'Asistencia a 120 víctimas' })])), before.sections[0]!.en),
      before.sections[1]!,
    ])
    const [section, ...rest] = diffReports(before, after).sections
    expect(rest).toEqual([])
    expect(section).toMatchObject({ id: 'iom', change: 'changed', translation: 'es-only' })
    expect(section!.es.rows).toEqual([{ id: 'r1', change: 'changed', columns: ['executed'] }])
    expect(section!.en).toMatchObject({ changed: false })
    expect(section!.pairs).toHaveLength(1)
    expect(section!.pairs[0]!.es?.column).toBe('executed')
    expect(section!.pairs[0]!.en).toBeUndefined()
  })

  it('pairs the same block changed in both languages', () => {
    const after = reportOf([
      before.sections[0]!,
      actorSection('ilo', doc(p('a', 'Mejorar las leyes')), doc(p('a', 'Improve laws'))),
    ])
    const [section] = diffReports(before, after).sections
    expect(section!.translation).toBe('both')
    expect(section!.pairs.map((pair) => [pair.id, pair.es?.change, pair.en?.change])).toEqual([
      ['a', 'changed', 'changed'],
    ])
  })

  it('reports added and removed sections', () => {
    const after = reportOf([
      before.sections[0]!,
      actorSection('iihr', doc(p('x', 'Curso en línea')), doc(p('x', 'Online course'))),
    ])
    expect(diffReports(before, after).sections.map((s) => `${s.change}:${s.id}`)).toEqual(['added:iihr', 'removed:ilo'])
  })
})
