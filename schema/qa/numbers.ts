import type { Language } from '../languages.ts'

/** A number written in running text, with the value it has when read in its language. */
export interface WrittenNumber {
  readonly text: string
  readonly value: number
}

/** Digits with optional `.` and `,` separators; a `-` between digits (ranges, symbols) splits numbers. */
const numberPattern = /\d+(?:[.,]\d+)*/g

/**
 * The value of a number as written in `language`. Spanish groups thousands with `.` and writes
 * decimals with `,` (1.250,5); English the other way round (1,250.5). When both separators appear,
 * the last one is the decimal mark whatever the language, since writers mix conventions.
 */
export function readNumber(text: string, language: Language): number {
  const lastDot = text.lastIndexOf('.')
  const lastComma = text.lastIndexOf(',')
  let decimal: '.' | ',' | null
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ','
  else if (lastDot < 0 && lastComma < 0) decimal = null
  else {
    const sep = lastDot >= 0 ? '.' : ','
    const groups = text.split(sep)
    const thousandsSep = language === 'es' ? '.' : ','
    // One separator used several times, or the language's grouping mark before exactly three digits: grouping.
    const grouping = groups.length > 2 || (sep === thousandsSep && groups[1]!.length === 3)
    decimal = grouping ? null : sep
  }
  const digits = decimal
    ? text
        .split(decimal)
        .map((part) => part.replace(/[.,]/g, ''))
        .join('.')
    : text.replace(/[.,]/g, '')
  return Number(digits)
}

/** The numbers written in `text`, read in `language`. */
export function numbersIn(text: string, language: Language): WrittenNumber[] {
  return [...text.matchAll(numberPattern)].map((match) => ({ text: match[0], value: readNumber(match[0], language) }))
}

// Numbers written as words, cardinal and ordinal, up to twenty: "tres países" is "3 countries".
const spelled: Record<Language, readonly (readonly string[])[]> = {
  es: [
    ['cero'],
    ['uno', 'una', 'primer', 'primera', 'primero'],
    ['dos', 'segundo', 'segunda'],
    ['tres', 'tercer', 'tercera', 'tercero'],
    ['cuatro', 'cuarto', 'cuarta'],
    ['cinco', 'quinto', 'quinta'],
    ['seis', 'sexto', 'sexta'],
    ['siete', 'séptimo', 'séptima'],
    ['ocho', 'octavo', 'octava'],
    ['nueve', 'noveno', 'novena'],
    ['diez', 'décimo', 'décima'],
    ['once'],
    ['doce'],
    ['trece'],
    ['catorce'],
    ['quince'],
    ['dieciséis', 'dieciseis'],
    ['diecisiete'],
    ['dieciocho'],
    ['diecinueve'],
    ['veinte'],
  ],
  en: [
    ['zero'],
    ['one', 'first'],
    ['two', 'second'],
    ['three', 'third'],
    ['four', 'fourth'],
    ['five', 'fifth'],
    ['six', 'sixth'],
    ['seven', 'seventh'],
    ['eight', 'eighth'],
    ['nine', 'ninth'],
    ['ten', 'tenth'],
    ['eleven', 'eleventh'],
    ['twelve', 'twelfth'],
    ['thirteen', 'thirteenth'],
    ['fourteen', 'fourteenth'],
    ['fifteen', 'fifteenth'],
    ['sixteen', 'sixteenth'],
    ['seventeen', 'seventeenth'],
    ['eighteen', 'eighteenth'],
    ['nineteen', 'nineteenth'],
    ['twenty', 'twentieth'],
  ],
}
const spelledValue: Record<Language, ReadonlyMap<string, number>> = {
  es: new Map(spelled.es.flatMap((words, value) => words.map((w) => [w, value] as const))),
  en: new Map(spelled.en.flatMap((words, value) => words.map((w) => [w, value] as const))),
}

/**
 * The values of the numbers spelled out in words in `text` ("dos", "three", "primera", "twentieth"),
 * zero to twenty. They count as counterparts of digits on the other side; they are never reported
 * themselves, since "un"/"one" are also articles and pronouns.
 */
export function spelledNumbersIn(text: string, language: Language): number[] {
  const values: number[] = []
  for (const m of text.toLowerCase().matchAll(/\p{L}+/gu)) {
    const value = spelledValue[language].get(m[0])
    if (value !== undefined) values.push(value)
  }
  return values
}
