import { describe, expect, it } from 'vitest'
import { importReport } from '../../../schema/index.ts'
import { readOriginal } from '../../../schema/import/read-original.ts'
import { matchSections } from '../../../schema/import/section-matching.ts'
import type { ParsedSection } from '../../../schema/import/parsed.ts'
import { seedBytes, textOf } from './seed-files.ts'

const es = readOriginal(seedBytes('annual-report-2011-2012.es.txt'), 'es')
const en = readOriginal(seedBytes('annual-report-2011-2012.en.txt'), 'en')

function pairsByKey(esSections: readonly ParsedSection[], enSections: readonly ParsedSection[]): Map<string, number> {
  const matching = matchSections(esSections, enSections)
  return new Map(matching.pairs.map((pair) => [esSections[pair.es]!.key, enSections[pair.en]!.line]))
}

/** A permutation from a seeded generator; the seed is in the test name so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items]
  let x = seed
  for (let i = copy.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648
    const j = x % (i + 1)
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

describe('matchSections', () => {
  const reference = pairsByKey(es.sections, en.sections)

  it('pairs every Spanish section of the annual report with an English one', () => {
    expect(reference.size).toBe(es.sections.length)
    expect(reference.get('iom')).toBe(498)
    expect(reference.get('unhcr')).toBe(647)
    expect(reference.get('conclusion')).toBe(1091)
  })

  for (const seed of [1, 42, 2024]) {
    it(`pairs the same sections when the English ones are shuffled (seed ${seed})`, () => {
      expect(pairsByKey(es.sections, shuffled(en.sections, seed))).toEqual(reference)
    })
  }

  it('pairs actor sections by their text alone when the headings name no actor', () => {
    const anonymous = en.sections.map((section): ParsedSection => {
      const { actor: _actor, numbering: _numbering, ...rest } = section
      return { ...rest, heading: '' }
    })
    const pairs = pairsByKey(es.sections, shuffled(anonymous, 7))
    for (const key of [
      'iachr',
      'mide',
      'rial',
      'education',
      'dps',
      'summits',
      'ilo',
      'iihr',
      'background',
      'conclusion',
    ]) {
      expect(pairs.get(key), key).toBe(reference.get(key))
    }
  })

  it('reports a section found in one language only', () => {
    const without = en.sections.filter((section) => section.actor !== 'ilo')
    const matching = matchSections(es.sections, without)
    expect(matching.unmatchedEs.map((index) => es.sections[index]!.key)).toEqual(['ilo'])
  })
})

describe('importReport: pairing by content in a small synthetic report', () => {
  const spanish = [
    'I. Antecedentes',
    'La Asamblea General aprobó la resolución AG/RES. 2141 (XXXV-O/05) en 2005.',
    'II. Objetivos',
    'Promover la cooperación entre 34 Estados con la OIM y el ACNUR.',
    'III. Resultados',
    'Se capacitó a 1.250 funcionarios en 12 países; ver http://www.oas.org/migracion.',
    '',
  ].join('\n')
  const english = [
    'III. Results',
    'In 12 countries, 1,250 officials were trained; see http://www.oas.org/migracion.',
    'I. Background',
    'The General Assembly adopted resolution AG/RES. 2141 (XXXV-O/05) in 2005.',
    'IV. Other',
    'Nothing in common here.',
    '',
  ].join('\n')
  const { report, warnings } = importReport({ es: spanish, en: english })

  it('pairs sections by resolution symbols, numbers and URLs whatever their order', () => {
    const heading = (es: string) => report.sections.find((s) => s.heading.es === es)!.heading.en
    expect(heading('I. Antecedentes')).toBe('I. Background')
    expect(heading('III. Resultados')).toBe('III. Results')
    expect(heading('II. Objetivos')).toBe('')
    const results = report.sections.find((s) => s.heading.es === 'III. Resultados')!
    expect(textOf(results.en)).toMatch(/^In 12 countries/)
    expect(results.es.content![0]!.attrs!['id']).toBe(results.en.content![0]!.attrs!['id'])
  })

  it('reports the unmatched sections on both sides and the other order', () => {
    const unmatched = warnings.filter((w) => w.code === 'unmatched-section')
    expect(unmatched.map((w) => [w.language, w.line])).toEqual([
      ['es', 3],
      ['en', 5],
    ])
    expect(warnings.map((w) => w.code)).toContain('order-differs')
    expect(report.sections.map((s) => [s.heading.es, s.heading.en])).toContainEqual(['', 'IV. Other'])
  })
})
