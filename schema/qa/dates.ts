import type { Language } from '../languages.ts'

const monthsEs = [
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
const monthsEn = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

const esDate = new RegExp(
  `\\b(\\d{1,2})\\s+de\\s+(${monthsEs.join('|')}|setiembre)(?:\\s+(?:de|del)\\s+(\\d{4}))?`,
  'gi',
)
const enMonthFirst = new RegExp(
  `\\b(${monthsEn.join('|')})\\s+(\\d{1,2})(?!\\d)(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`,
  'gi',
)
const enDayFirst = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthsEn.join('|')})(?:,?\\s+(\\d{4}))?`,
  'gi',
)

/** A date written in running text and its normalised form (`2011-06-07`, or `--06-07` without a year). */
export interface WrittenDate {
  readonly text: string
  readonly date: string
  /** Where it starts in the text. */
  readonly index: number
}

function normalise(day: string, month: number, year: string | undefined): string {
  return `${year ?? '-'}-${String(month + 1).padStart(2, '0')}-${day.padStart(2, '0')}`
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase()
  return lower === 'setiembre' ? 8 : Math.max(monthsEs.indexOf(lower), monthsEn.indexOf(lower))
}

/** The dates written out in words in `text` ("7 de junio de 2005", "June 7, 2005", "7 June 2005"). */
export function datesIn(text: string, language: Language): WrittenDate[] {
  const found: WrittenDate[] = []
  if (language === 'es') {
    for (const m of text.matchAll(esDate))
      found.push({ text: m[0], date: normalise(m[1]!, monthIndex(m[2]!), m[3]), index: m.index })
  } else {
    for (const m of text.matchAll(enMonthFirst))
      found.push({ text: m[0], date: normalise(m[2]!, monthIndex(m[1]!), m[3]), index: m.index })
    for (const m of text.matchAll(enDayFirst))
      found.push({ text: m[0], date: normalise(m[1]!, monthIndex(m[2]!), m[3]), index: m.index })
  }
  return found.sort((a, b) => a.index - b.index)
}
