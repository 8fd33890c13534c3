import type { Language } from '../languages.ts'

// Month names and their abbreviations, in either language: writers of both versions mix them
// ("junio 14 a 15 2011" in the Spanish text), so both are read whatever the side.
const monthNames: ReadonlyArray<readonly string[]> = [
  ['enero', 'ene', 'january', 'jan'],
  ['febrero', 'feb', 'february'],
  ['marzo', 'mar', 'march'],
  ['abril', 'abr', 'april', 'apr'],
  ['mayo', 'may'],
  ['junio', 'jun', 'june'],
  ['julio', 'jul', 'july'],
  ['agosto', 'ago', 'august', 'aug'],
  ['septiembre', 'setiembre', 'sept', 'sep', 'set', 'september'],
  ['octubre', 'oct', 'october'],
  ['noviembre', 'nov', 'november'],
  ['diciembre', 'dic', 'december', 'dec'],
]
const monthOf = new Map(monthNames.flatMap((names, month) => names.map((name) => [name, month] as const)))

/** Words joining the two ends of a range ("30-31", "21 a 22", "19 to 21", "del 31 … al 1 …"). */
const rangeWords = new Set(['-', '–', '—', '/', 'a', 'al', 'hasta', 'y', 'to', 'through', 'until', 'till', 'and'])
/** Articles after a range word ("entre el 11 y el 13 de abril"). */
const articles = new Set(['el', 'the'])
/** Words that may stand between a day, its month and its year ("7 de junio de 2005", "16th of June"). */
const joinWords = new Set(['de', 'del', 'of', ','])

/** A date (or range of dates) written in running text, and its normalised form. */
export interface WrittenDate {
  /** The text as written, from its first to its last token. */
  readonly text: string
  /**
   * The normalised form: `2011-06-07`, `--06-07` without a year, a range as `start/end`
   * (`2011-03-30/2011-03-31`).
   */
  readonly date: string
  /** Where it starts in the text. */
  readonly index: number
  /**
   * True for a range whose first end lost its month ("From 15 to June 16, 2011"): it is
   * ambiguous to a reader and must be rewritten.
   */
  readonly malformed?: boolean
}

interface Token {
  readonly text: string
  readonly lower: string
  readonly start: number
  readonly end: number
}

const tokenPattern = /\d+(?:st|nd|rd|th|º|ª|°|ro|er)?|\p{L}+\.?|[-–—,/]/gu

function tokens(text: string): Token[] {
  return [...text.matchAll(tokenPattern)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase().replace(/\.$/, ''),
    start: m.index,
    end: m.index + m[0].length,
  }))
}

function dayOf(token: Token | undefined): number | undefined {
  const m = token && /^(\d{1,2})(?:st|nd|rd|th|º|ª|°|ro|er)?$/.exec(token.lower)
  const day = m ? Number(m[1]) : 0
  return day >= 1 && day <= 31 ? day : undefined
}

function monthAt(token: Token | undefined): number | undefined {
  return token ? monthOf.get(token.lower) : undefined
}

function yearOf(token: Token | undefined): number | undefined {
  return token && /^(?:19|20)\d\d$/.test(token.text) ? Number(token.text) : undefined
}

interface Day {
  readonly day: number
  readonly month: number
}

/** A reader over the tokens: each `read` moves forward only when it matches. */
class Cursor {
  constructor(
    readonly list: readonly Token[],
    public at: number,
  ) {}
  skip(words: ReadonlySet<string>): void {
    while (this.list[this.at] && words.has(this.list[this.at]!.lower)) this.at++
  }
  day(): number | undefined {
    const day = dayOf(this.list[this.at])
    if (day !== undefined) this.at++
    return day
  }
  month(): number | undefined {
    const month = monthAt(this.list[this.at])
    if (month !== undefined) this.at++
    return month
  }
  range(): boolean {
    if (!this.list[this.at] || !rangeWords.has(this.list[this.at]!.lower)) return false
    this.at++
    this.skip(articles)
    return true
  }
}

/** "D [de] M", "M D": one day with its month, or undefined (the cursor is left where it was). */
function readDay(c: Cursor): Day | undefined {
  const from = c.at
  const day = c.day()
  if (day !== undefined) {
    c.skip(joinWords)
    const month = c.month()
    if (month !== undefined) return { day, month }
  } else {
    const month = c.month()
    if (month !== undefined) {
      const d = c.day()
      if (d !== undefined) return { day: d, month }
    }
  }
  c.at = from
  return undefined
}

interface Parsed {
  readonly days: readonly Day[]
  readonly year?: number
  readonly end: number
  readonly malformed?: boolean
}

/** A date or range starting at token `i`, or undefined. */
function parseAt(list: readonly Token[], i: number): Parsed | undefined {
  const c = new Cursor(list, i)
  let days: Day[] = []
  let malformed = false
  const firstDay = dayOf(list[i])
  const first = readDay(c)
  if (first) {
    days = [first]
    // A second day: "M D1-D2", "D1 M to D2 M", "M D1 to M D2".
    const back = c.at
    if (c.range()) {
      const second = readDay(c)
      if (second) days.push(second)
      else {
        const d = c.day()
        if (d !== undefined) days.push({ day: d, month: first.month })
        else c.at = back
      }
    }
  } else if (firstDay !== undefined) {
    // "D1 - D2 [de] M", "D1 a D2 M", or the malformed "D1 to M D2".
    c.at++
    if (!c.range()) return undefined
    const second = readDay(c)
    if (!second) return undefined
    malformed = monthAt(list[c.at - 2]) !== undefined && dayOf(list[c.at - 1]) !== undefined
    days = [{ day: firstDay, month: second.month }, second]
  } else return undefined
  const beforeYear = c.at
  c.skip(joinWords)
  const year = yearOf(list[c.at])
  if (year !== undefined) c.at++
  else c.at = beforeYear
  return { days, ...(year !== undefined ? { year } : {}), end: c.at, ...(malformed ? { malformed } : {}) }
}

function normalise({ day, month }: Day, year: number | undefined): string {
  return `${year ?? '-'}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * The dates and date ranges written in words in `text`: "7 de junio de 2005", "June 7, 2005",
 * "7 June 2005", "30-31 marzo 2011", "21 a 22 jun", "del 31 de octubre al 1 de noviembre, 2011",
 * "March 30-31, 2011", "19 to 21 October". Month names and abbreviations of both languages are read
 * on either side, since translators leave some. `language` is kept for callers; the forms are the same.
 */
export function datesIn(text: string, _language: Language): WrittenDate[] {
  const list = tokens(text)
  const found: WrittenDate[] = []
  for (let i = 0; i < list.length; i++) {
    const parsed = parseAt(list, i)
    if (!parsed) continue
    const [start, end] = parsed.days
    const date =
      end && (end.day !== start!.day || end.month !== start!.month)
        ? `${normalise(start!, parsed.year)}/${normalise(end, parsed.year)}`
        : normalise(start!, parsed.year)
    const last = list[parsed.end - 1]!
    found.push({
      text: text.slice(list[i]!.start, last.end),
      date,
      index: list[i]!.start,
      ...(parsed.malformed ? { malformed: true } : {}),
    })
    i = parsed.end - 1
  }
  return found
}

/** The same date or range, a missing year on one side matching any year on the other. */
export function sameDate(a: string, b: string): boolean {
  if (a === b) return true
  const pa = a.split('/')
  const pb = b.split('/')
  if (pa.length !== pb.length) return false
  return pa.every((x, k) => {
    const y = pb[k]!
    return x.slice(-5) === y.slice(-5) && (x.startsWith('-') || y.startsWith('-') || x === y)
  })
}
