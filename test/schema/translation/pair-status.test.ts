import { describe, expect, it } from 'vitest'
import { pairStatus, sourceSide, type PairHistory, type TranslationStatus } from '../../../schema/index.ts'

const base: PairHistory = { es: 'Informe', en: 'Report', esChangedAt: 0, enChangedAt: 0, inStepAt: 0 }

describe('pairStatus', () => {
  const cases: Array<[string, Partial<PairHistory>, TranslationStatus]> = [
    ['is in step just after import', {}, 'in-step'],
    ['is es-ahead when only the Spanish changed since it was in step', { esChangedAt: 5 }, 'es-ahead'],
    ['is en-ahead when only the English changed since it was in step', { enChangedAt: 5 }, 'en-ahead'],
    [
      'stays outdated when the translator edited the other side but did not mark it',
      { esChangedAt: 5, enChangedAt: 7 },
      'en-ahead',
    ],
    [
      'is es-ahead when the Spanish changed again after the English caught up',
      { esChangedAt: 9, enChangedAt: 7 },
      'es-ahead',
    ],
    [
      'is back in step once marked translated after both changes',
      { esChangedAt: 5, enChangedAt: 7, inStepAt: 8 },
      'in-step',
    ],
    [
      'is outdated again when the source changes after the mark',
      { esChangedAt: 9, enChangedAt: 7, inStepAt: 8 },
      'es-ahead',
    ],
    ['is missing-en when the English side is empty', { en: '  ' }, 'missing-en'],
    ['is missing-es when the Spanish side is empty', { es: '' }, 'missing-es'],
    ['is in step when both sides are empty', { es: '', en: '' }, 'in-step'],
  ]
  for (const [name, change, status] of cases) it(name, () => expect(pairStatus({ ...base, ...change })).toBe(status))
})

describe('sourceSide', () => {
  it('names the side to translate from', () => {
    expect(sourceSide('es-ahead')).toBe('es')
    expect(sourceSide('missing-es')).toBe('en')
    expect(sourceSide('in-step')).toBeNull()
  })
})
