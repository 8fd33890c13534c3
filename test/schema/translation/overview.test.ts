import { describe, expect, it } from 'vitest'
import { blockFingerprints, changedBlockIds, translationOverview, type PairRecord } from '../../../schema/index.ts'
import { actorSection, doc, p, reportOf } from '../../helpers/documents.ts'

const report = reportOf([
  actorSection('ilo', doc(p('a', 'Mejorar las políticas en 8 Estados')), doc(p('a', 'Improve policies in 8 States'))),
  actorSection(
    'iom',
    doc(p('b', 'La OIM brindó asistencia'), p('c', 'Nuevo párrafo')),
    doc(p('b', 'OIM provided assistance')),
  ),
])

describe('translationOverview', () => {
  it('lists outdated and missing pairs first, per section and block, with QA findings', () => {
    const records = new Map<string, PairRecord>([['ilo/a', { esChangedAt: 4, enChangedAt: 0, inStepAt: 2 }]])
    const overview = translationOverview(report, (section, block) => records.get(`${section}/${block}`))
    expect(overview.map((s) => `${s.id}:${s.status}`)).toEqual(['iom:missing-en', 'ilo:es-ahead'])
    expect(overview[0]!.blocks.map((b) => `${b.id}:${b.status}`)).toEqual(['c:missing-en', 'b:in-step'])
    expect(overview[0]!.counts).toMatchObject({ 'missing-en': 1, 'in-step': 1 })
    expect(overview[0]!.blocks[1]!.findings.map((f) => f.text)).toEqual(['OIM'])
    expect(overview[1]!.blocks[0]).toMatchObject({ id: 'a', status: 'es-ahead', inStepAt: 2 })
  })
})

describe('changedBlockIds', () => {
  it('names blocks edited, added and removed, and nothing else', () => {
    const before = blockFingerprints(doc(p('a', 'uno'), p('b', 'dos'), p('c', 'tres')))
    const after = blockFingerprints(doc(p('a', 'uno'), p('b', 'dos!'), p('d', 'cuatro')))
    expect(changedBlockIds(before, after).sort()).toEqual(['b', 'c', 'd'])
    expect(changedBlockIds(before, before)).toEqual([])
  })
})
