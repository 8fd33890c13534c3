import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkPair, datesIn } from '../../../schema/index.ts'

const esMonths = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
]
const enMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const esShort = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic']
const enShort = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const keys = (es: string, en: string): string[] => checkPair(es, en).map((f) => `${f.check}:${f.found}:${f.text}`)

describe('datesIn', () => {
  const cases: Array<[string, string]> = [
    ['el 7 de junio de 2005', '2005-06-07'],
    ['June 7th, 2005', '2005-06-07'],
    ['the 7th of June 2005', '2005-06-07'],
    ['30-31 marzo 2011', '2011-03-30/2011-03-31'],
    ['March 30–31, 2011', '2011-03-30/2011-03-31'],
    ['21 a 22 jun 2011', '2011-06-21/2011-06-22'],
    ['19 to 21 October', '--10-19/--10-21'],
    ['del 31 de octubre al 1 de noviembre, 2011', '2011-10-31/2011-11-01'],
    ['from October 31 to November 1, 2011', '2011-10-31/2011-11-01'],
    ['2 hasta 3 marzo 2011', '2011-03-02/2011-03-03'],
    ['entre el 11 y el 13 de abril de 2011', '2011-04-11/2011-04-13'],
    ['Dec. 5, 2012', '2012-12-05'],
    ['5 de setiembre', '--09-05'],
    ['May 24-24, 2011', '2011-05-24'],
  ]
  for (const [text, date] of cases) {
    it(`reads "${text}" as ${date}`, () => expect(datesIn(text, 'es').map((d) => d.date)).toEqual([date]))
  }

  it('reads no date in a month without a day', () => {
    expect(datesIn('en junio de 2011 se celebraron 3 reuniones', 'es')).toEqual([])
  })

  it('marks a range whose first day lost its month', () => {
    expect(datesIn('From 15 to June 16, 2011', 'en')).toMatchObject([
      { date: '2011-06-15/2011-06-16', malformed: true },
    ])
    expect(datesIn('on 3 and May 4', 'en')).toMatchObject([{ malformed: true }])
    expect(datesIn('from May 3 to 4', 'en')[0]!.malformed).toBeUndefined()
  })
})

describe('checkPair on dates', () => {
  it('agrees on ranges written each way, without reporting their days or year as numbers', () => {
    expect(keys('Reunión, 8-9 sept 2010', 'Meeting, September 8-9, 2010')).toEqual([])
    expect(keys('del 28 de febrero al 2 de marzo de 2012', 'from February 28 to March 2, 2012')).toEqual([])
    expect(keys('Taller 14 a 16 ago', 'Workshop 14 to 16 Aug')).toEqual([])
    expect(keys('Guatemala, 3 hasta 5 dic 2011', 'Guatemala, December 3-5, 2011')).toEqual([])
  })

  it('agrees when one side leaves out the year', () => {
    expect(keys('el lunes 4 de abril de 2011', 'on Monday April 4')).toEqual([])
  })

  it('reports a range whose end differs, and a malformed range once', () => {
    expect(keys('Lima, 10-12 mayo 2011', 'Lima, May 10-13, 2011')).toEqual([
      'date:es:10-12 mayo 2011',
      'date:en:May 10-13, 2011',
    ])
    expect(keys('Del 3 al 4 de mayo de 2011', 'From 3 to May 4, 2011')).toEqual(['date:en:3 to May 4, 2011'])
  })

  it('agrees on any date written the Spanish and the English way, full or abbreviated', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1990, max: 2030 }),
        fc.boolean(),
        (day, month, year, short) => {
          const es = `Se reunió el ${day} de ${(short ? esShort : esMonths)[month]} de ${year} en Lima.`
          const en = `It met on ${(short ? enShort : enMonths)[month]} ${day}, ${year} in Lima.`
          expect(keys(es, en)).toEqual([])
        },
      ),
    )
  })

  it('agrees on any range written the Spanish and the English way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 27 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1990, max: 2030 }),
        fc.constantFrom('-', ' a ', ' al ', ' hasta '),
        fc.constantFrom('-', ' to ', ' through '),
        (day, length, month, year, esJoin, enJoin) => {
          const end = Math.min(day + length, 28)
          const es = `Lima, ${day}${esJoin}${end} de ${esMonths[month]} de ${year}`
          const en = `Lima, ${day}${enJoin}${end} ${enMonths[month]} ${year}`
          expect(keys(es, en)).toEqual([])
        },
      ),
    )
  })

  it('reports a date whose day differs, whatever the form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 27 }), fc.integer({ min: 0, max: 11 }), (day, month) => {
        const found = keys(`el ${day} de ${esMonths[month]} de 2011`, `on ${enMonths[month]} ${day + 1}, 2011`)
        expect(found.filter((f) => f.startsWith('date:'))).toHaveLength(2)
        expect(found.filter((f) => f.startsWith('number:'))).toEqual([])
      }),
    )
  })
})

describe('checkPair on more date forms', () => {
  it('reads ordinal marks, slashes between days and ranges across years', () => {
    expect(keys('el 1º de mayo de 2011', 'on May 1st, 2011')).toEqual([])
    expect(keys('Lima, 30/31 marzo 2011', 'Lima, March 30-31, 2011')).toEqual([])
    expect(
      keys('del 30 de diciembre de 2011 al 2 de enero de 2012', 'from December 30, 2011 to January 2, 2012'),
    ).toEqual([])
    expect(keys('del 21 al 23 de junio', 'from the 21st to the 23rd of June')).toEqual([])
  })
})
