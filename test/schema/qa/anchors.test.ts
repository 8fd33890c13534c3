import { describe, expect, it } from 'vitest'
import { checkPair, hasAcronym, spelledNumbersIn, wordRatioOf } from '../../../schema/index.ts'

const keys = (es: string, en: string, options?: { wordRatio: number }): string[] =>
  checkPair(es, en, options).map((f) => `${f.check}:${f.found}:${f.text}`)

describe('checkPair on resolution symbols', () => {
  it('agrees on a symbol written with spaces, and reports neither its number nor its session', () => {
    expect(keys('según la resolución AG/RES. 2593 (XL-O/10)', 'under resolution AG / RES. 2593 (XL-O/10)')).toEqual([])
    expect(keys('la CP/RES. 981 (1778/11)', 'CP / RES. 981 (1778/11)')).toEqual([])
  })

  it('reports a typo in the organ letters as an error', () => {
    const [found, ...rest] = checkPair('resolución AG/RES. 2669 (XLI-O/11)', 'resolution AB/RES. 2669 (XLI-O/11)')
    expect(rest).toEqual([])
    expect(found).toMatchObject({ check: 'resolution', severity: 'error', text: 'AG/RES. 2669 (XLI-O/11)' })
  })

  it('reads a symbol without its session', () => {
    expect(keys('la AG/RES. 2141', 'AG/RES. 2141')).toEqual([])
    expect(keys('la AG/RES. 2141', 'AG/RES. 2142')).toEqual([
      'resolution:es:AG/RES. 2141',
      'resolution:en:AG/RES. 2142',
    ])
  })
})

describe('checkPair on numbers', () => {
  it('takes numbers spelled out as counterparts of digits, cardinal or ordinal', () => {
    expect(keys('se realizaron tres talleres y dos reuniones', '3 workshops and 2 meetings were held')).toEqual([])
    expect(keys('un foro regional de 2 días', 'a two-day regional forum')).toEqual([])
    expect(keys('la primera reunión de los 15 países', 'the 1st meeting of the fifteen countries')).toEqual([])
    expect(keys('veinte funcionarios', '20 officials')).toEqual([])
  })

  it('still reports a number whose spelled-out counterpart differs', () => {
    expect(keys('se realizaron tres talleres', '4 workshops were held')).toEqual(['number:en:4'])
  })

  it('agrees on the ends of a number range', () => {
    expect(keys('el periodo 2010 -2011', 'the period 2010-2011')).toEqual([])
    expect(keys('entre 10 y 12 Estados', 'between 10 and 12 States')).toEqual([])
  })
})

describe('spelledNumbersIn', () => {
  it('reads cardinals and ordinals up to twenty in each language', () => {
    expect(spelledNumbersIn('Dos, diecisiete y tercera', 'es')).toEqual([2, 17, 3])
    expect(spelledNumbersIn('twelve or the twentieth', 'en')).toEqual([12, 20])
  })
})

describe('hasAcronym', () => {
  it('ignores case and dots but needs two capitals', () => {
    expect(hasAcronym('el MIDE participó', 'MiDE')).toBe(true)
    expect(hasAcronym('la O.E.A. aprobó', 'OEA')).toBe(true)
    expect(hasAcronym('the O.A.S', 'OAS')).toBe(true)
    expect(hasAcronym('we can help', 'CAN')).toBe(false)
    expect(hasAcronym('un programa', 'UN')).toBe(false)
  })

  it('reads no short acronym in a heading written in capitals', () => {
    expect(hasAcronym('DISEÑO DE UN FONDO DE ASISTENCIA', 'UN')).toBe(false)
    expect(hasAcronym('THE UN AGENCIES IN PERU', 'UN')).toBe(false)
    expect(hasAcronym('the UN agencies', 'UN')).toBe(true)
  })
})

describe('checkPair on acronyms', () => {
  it('agrees on acronyms that differ by language, in any case or dotted form', () => {
    expect(keys('La OIT, la OPS y el ACNUR', 'The ILO, PAHO and UNHCR')).toEqual([])
    expect(keys('con apoyo de la O.E.A.', 'with support from the OAS')).toEqual([])
    expect(keys('el MIDE presentó', 'MiDE presented')).toEqual([])
    expect(keys('La CRM y la CEAM', 'The RCM and the SCMI')).toEqual([])
  })

  it('agrees when one side writes the full name or a distinctive word of it', () => {
    expect(keys('la Organización Panamericana de la Salud', 'PAHO')).toEqual([])
    expect(keys('La CIDH publicó', 'The Commission published')).toEqual([])
    expect(keys('la OIM', 'the International Organization for Migration')).toEqual([])
    expect(keys('el PNUD', 'the United Nations Development Programme')).toEqual([])
  })

  it('agrees when the Spanish text keeps the English acronym', () => {
    expect(keys('los lazos con la OECD', 'ties with OECD')).toEqual([])
  })

  it('reports a Spanish acronym left in English as an error', () => {
    for (const [es, en, left] of [
      ['la CIMT', 'the CIMT', 'CIMT'],
      ['la CRM', 'the CRM', 'CRM'],
      ['la CEAM', 'the CEAM', 'CEAM'],
      ['la ONU', 'the ONU', 'ONU'],
    ] as const) {
      expect(checkPair(es, en)).toMatchObject([{ check: 'acronym', severity: 'error', found: 'en', text: left }])
    }
  })

  it('reports the wrong counterpart once, naming the right one', () => {
    const found = checkPair('delegados de OIT, OPS y PNUD', 'delegates from ILO, WHO and UNDP')
    expect(found).toMatchObject([{ check: 'acronym', severity: 'error', text: 'WHO' }])
    expect(found[0]!.message.en).toContain('PAHO')
    expect(found[0]!.message.es).toContain('OPS')
  })

  it('reports an acronym whose body the other side does not name', () => {
    expect(keys('Apoyo del ACNUR', 'Support from the agency')).toEqual(['acronym:es:ACNUR'])
  })
})

describe('checkPair on a cut side', () => {
  const es =
    'La OIM continuará brindando servicios de asesoría migratoria en las 2 ventanillas únicas del programa a las personas migrantes de la región.'

  it('reports a side much shorter, without end punctuation and losing an item', () => {
    expect(checkPair(es, 'IOM will continue to provide immigration')).toMatchObject([
      { check: 'number', found: 'es', text: '2' },
      { check: 'truncated', severity: 'error', found: 'en', text: 'to provide immigration' },
    ])
  })

  it('leaves a compact translation alone', () => {
    expect(
      keys(
        'Aumento de la cooperación entre el Caribe y Centroamérica y las agencias encargadas de hacer cumplir la ley.',
        'Increased cooperation among Caribbean and Central American law enforcement agencies',
      ),
    ).toEqual([])
  })
})

describe('checkPair on unrelated blocks', () => {
  it('gives one pairing finding instead of one per item when most items disagree', () => {
    const found = checkPair(
      'En 2010 se atendieron 600 personas y 3.000 en 2011, con apoyo del ACNUR.',
      'The results will be presented at a 2-day forum in 2012 by IOM.',
    )
    expect(found).toMatchObject([{ check: 'pairing', severity: 'warning' }])
    expect(found[0]!.message.es).toContain('traducción')
    expect(found[0]!.message.en).toContain('may not be translations')
  })

  it('keeps item findings when most items agree', () => {
    expect(
      keys(
        'En 2010 y 2011, 600 personas con la OIM y 30 con el ACNUR',
        'In 2010 and 2011, 600 people with IOM and 31 with UNHCR',
      ),
    ).toEqual(['number:es:30', 'number:en:31'])
  })
})

describe('checkPair on copied text and Spanish marks', () => {
  it('reports an English side copied from the Spanish, and nothing else', () => {
    const es = 'Se capacitó a 25 funcionarios de la OIM en Lima.'
    expect(checkPair(es, es)).toMatchObject([{ check: 'untranslated', severity: 'warning', found: 'en' }])
  })

  it('leaves alone short texts that are the same in both languages', () => {
    expect(keys('Costa Rica, 2011', 'Costa Rica, 2011')).toEqual([])
    expect(keys('MILEX', 'MILEX')).toEqual([])
  })

  it('reports an unpaired ¿ or ¡ in Spanish, and one left in English', () => {
    expect(keys('Qué se logró?', 'What was achieved?')).toEqual(['punctuation:es:¿?'])
    expect(keys('¡Bienvenidos!', '¡Welcome!')).toEqual(['punctuation:en:¡'])
    expect(keys('¿Qué se logró?', 'What was achieved?')).toEqual([])
  })
})

describe('checkPair on headings in capitals', () => {
  it('reads no short acronym in a heading written in capitals', () => {
    expect(keys('CÓMO PODEMOS AYUDAR', 'HOW WE CAN HELP')).toEqual([])
  })
})

describe('hasAcronym in texts dense with acronyms', () => {
  it('still reads acronyms where most words are acronyms', () => {
    expect(hasAcronym('La OIM y la CIDH', 'OIM')).toBe(true)
    expect(hasAcronym('OIT, OPS y PNUD', 'OPS')).toBe(true)
  })
})

describe('checkPair on length', () => {
  const es =
    'El objetivo principal de la visita fue observar la situación de los derechos humanos de las personas migrantes en México. La delegación visitó cinco estados y sostuvo reuniones con autoridades federales, estatales y municipales.'

  it('reports a side far shorter than the report norm, even when it ends a sentence', () => {
    expect(checkPair(es, 'The main objective of the visit was to observe the situation.')).toMatchObject([
      { check: 'length', severity: 'warning', found: 'en' },
    ])
  })

  it('leaves a translation of usual length alone, and measures against the norm given', () => {
    const en =
      'The main objective of the visit was to observe the human rights situation of migrants in Mexico. The delegation visited five states and met federal, state and municipal authorities.'
    expect(keys(es, en)).toEqual([])
    expect(keys(es, en, { wordRatio: 2 })).toEqual([`length:en:${34}/${29}`])
  })
})

describe('wordRatioOf', () => {
  it('is the median of English words per Spanish word over long pairs, or the default with few', () => {
    const pair = (esWords: number, enWords: number) => ({ es: 'palabra '.repeat(esWords), en: 'word '.repeat(enWords) })
    expect(wordRatioOf([pair(20, 10)])).toBe(0.84)
    const many = [...Array.from({ length: 15 }, () => pair(20, 18)), ...Array.from({ length: 10 }, () => pair(20, 30))]
    expect(wordRatioOf(many)).toBe(0.9)
  })
})
