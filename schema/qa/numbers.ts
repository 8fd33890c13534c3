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
