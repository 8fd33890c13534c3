import { describe, expect, it } from 'vitest'
import { checkPair, readNumber } from '../../../schema/index.ts'

describe('readNumber', () => {
  const cases: Array<[string, 'es' | 'en', number]> = [
    ['1.250,5', 'es', 1250.5],
    ['1,250.5', 'en', 1250.5],
    ['1.250', 'es', 1250],
    ['1,250', 'en', 1250],
    ['1,25', 'es', 1.25],
    ['1.25', 'en', 1.25],
    ['1.000.000', 'es', 1_000_000],
    ['1,000,000', 'en', 1_000_000],
    ['2011', 'es', 2011],
    ['1,250.5', 'es', 1250.5],
    ['2.5', 'es', 2.5],
  ]
  for (const [text, language, value] of cases) {
    it(`reads ${text} in ${language} as ${value}`, () => expect(readNumber(text, language)).toBe(value))
  }
})

describe('checkPair', () => {
  const cases: Array<{ name: string; es: string; en: string; expect: string[] }> = [
    {
      name: "the same number with each language's separators",
      es: 'Se invirtieron 1.250,5 dólares',
      en: '1,250.5 dollars were invested',
      expect: [],
    },
    {
      name: 'a number that differs',
      es: 'Se capacitaron 1.250 funcionarios',
      en: '1.25 officials were trained',
      expect: ['number:es:1.250', 'number:en:1.25'],
    },
    {
      name: 'a number missing in English',
      es: 'En 14 Estados y 8 países',
      en: 'In 14 States',
      expect: ['number:es:8'],
    },
    { name: 'case numbers written identically', es: 'Caso 12.562', en: 'Case 12.562', expect: [] },
    { name: 'the same date in both languages', es: 'el 7 de junio de 2005', en: 'on June 7, 2005', expect: [] },
    { name: 'a day-first English date', es: 'del 16 de noviembre de 2011', en: 'on 16 November 2011', expect: [] },
    {
      name: 'a date that differs',
      es: 'el 7 de junio de 2005',
      en: 'on June 8, 2005',
      expect: ['date:es:7 de junio de 2005', 'date:en:June 8, 2005'],
    },
    {
      name: 'the same resolution symbol',
      es: 'resolución AG/RES. 2141 (XXXV-O/05)',
      en: 'resolution AG/RES. 2141 (XXXV-O/05)',
      expect: [],
    },
    {
      name: 'a resolution symbol written differently',
      es: 'resolución AG/RES. 2141 (XXXV-O/05)',
      en: 'Resolution AG/RES 2141 (XXXV-O/05)',
      expect: ['resolution:es:AG/RES. 2141 (XXXV-O/05)'],
    },
    {
      name: 'a resolution symbol missing',
      es: 'AG/RES. 2669 (XLI-O/11) y AG/RES. 2141 (XXXV-O/05)',
      en: 'AG/RES. 2141 (XXXV-O/05)',
      expect: ['resolution:es:AG/RES. 2669 (XLI-O/11)'],
    },
    {
      name: 'the same URL',
      es: 'véase http://migracionoea.org/milex.',
      en: 'see http://migracionoea.org/milex',
      expect: [],
    },
    {
      name: 'a URL missing',
      es: 'véase http://www.oas.org/dil',
      en: 'see the website',
      expect: ['url:es:http://www.oas.org/dil'],
    },
    { name: 'acronyms through the term list', es: 'La OIM y la CIDH', en: 'IOM and the IACHR', expect: [] },
    {
      name: 'a Spanish acronym left in English',
      es: 'La OIM en Buenos Aires',
      en: 'OIM in Buenos Aires',
      expect: ['acronym:en:OIM'],
    },
    {
      name: 'an acronym without its counterpart',
      es: 'Apoyo del ACNUR',
      en: 'Support from the agency',
      expect: ['acronym:es:ACNUR'],
    },
    { name: 'a pair with one side empty', es: 'Apoyo del ACNUR en 2011', en: '', expect: [] },
  ]
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      expect(checkPair(c.es, c.en).map((f) => `${f.check}:${f.found}:${f.text}`)).toEqual(c.expect)
    })
  }

  it('explains each finding in both languages', () => {
    const [finding] = checkPair('La OIM', 'OIM')
    expect(finding!.message.es).toContain('OIM')
    expect(finding!.message.en).toContain('IOM')
  })
})
