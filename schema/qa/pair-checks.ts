import type { Bilingual, Language } from '../languages.ts'
import { invertedMarks, untranslated } from './copied-text.ts'
import { acronymPairs, hasAcronym, mentions, type AcronymPair } from './acronyms.ts'
import { datesIn, sameDate } from './dates.ts'
import { numbersIn, spelledNumbersIn } from './numbers.ts'
import { symbolsIn, urlsIn } from './symbols.ts'

/** The QA checks run between the two sides of an aligned pair. */
export type QaCheck =
  | 'number'
  | 'date'
  | 'resolution'
  | 'url'
  | 'acronym'
  | 'truncated'
  | 'pairing'
  | 'untranslated'
  | 'punctuation'
  | 'length'

/**
 * How much a finding matters: `error` is almost surely wrong (a symbol typo, a dropped URL, a
 * Spanish acronym left in English, a cut sentence); `warning` is worth a look (a number or date
 * without counterpart); `info` is a hint.
 */
export type QaSeverity = 'error' | 'warning' | 'info'

/** Something one side of a pair says that the other does not; advice, never a block on typing. */
export interface QaFinding {
  readonly check: QaCheck
  /** How much it matters. */
  readonly severity: QaSeverity
  /** The side the item was found on. */
  readonly found: Language
  /** The text as written there. */
  readonly text: string
  /** What to look at, in both languages (the interface shows the reader's). */
  readonly message: Bilingual
}

function finding(
  check: QaCheck,
  found: Language,
  text: string,
  severity: QaSeverity,
  es: string,
  en: string,
): QaFinding {
  return { check, severity, found, text, message: { es, en } }
}

/** Replace the spans with spaces, so later checks do not see them again. */
function blank(text: string, spans: readonly string[]): string {
  let result = text
  for (const span of spans) result = result.split(span).join(' '.repeat(span.length))
  return result
}

const other = (language: Language): Language => (language === 'es' ? 'en' : 'es')

function checkSymbols(sides: Record<Language, string>, findings: QaFinding[]): void {
  const symbols = { es: symbolsIn(sides.es), en: symbolsIn(sides.en) }
  for (const language of ['es', 'en'] as const) {
    const there = symbols[other(language)]
    for (const symbol of symbols[language]) {
      if (there.some((s) => s.form === symbol.form)) continue
      const variant = there.find((s) => s.key === symbol.key)
      if (variant && language === 'en') continue // reported once, from the Spanish side
      findings.push(
        variant
          ? finding(
              'resolution',
              language,
              symbol.text,
              'error',
              `La resolución se escribe «${symbol.text}» en español y «${variant.text}» en inglés; debe ser idéntica.`,
              `The resolution reads "${symbol.text}" in Spanish and "${variant.text}" in English; it must be identical.`,
            )
          : finding(
              'resolution',
              language,
              symbol.text,
              'warning',
              `«${symbol.text}» no aparece en el otro idioma.`,
              `"${symbol.text}" does not appear in the other language.`,
            ),
      )
    }
  }
}

function checkUrls(sides: Record<Language, string>, findings: QaFinding[]): void {
  const urls = { es: urlsIn(sides.es), en: urlsIn(sides.en) }
  for (const language of ['es', 'en'] as const) {
    for (const url of urls[language]) {
      if (!urls[other(language)].includes(url)) {
        findings.push(
          finding(
            'url',
            language,
            url,
            'error',
            `El enlace ${url} no aparece en el otro idioma.`,
            `The link ${url} does not appear in the other language.`,
          ),
        )
      }
    }
  }
}

function checkDates(sides: Record<Language, string>, findings: QaFinding[]): void {
  const dates = { es: datesIn(sides.es, 'es'), en: datesIn(sides.en, 'en') }
  for (const language of ['es', 'en'] as const) {
    const there = dates[other(language)]
    for (const date of dates[language]) {
      if (date.malformed) {
        findings.push(
          finding(
            'date',
            language,
            date.text,
            'error',
            `El intervalo «${date.text}» está mal formado: el mes debe ir con ambos días o después de ellos.`,
            `The range "${date.text}" is malformed: the month belongs with both days (e.g. "June 15 to 16").`,
          ),
        )
      } else if (!there.some((d) => sameDate(d.date, date.date))) {
        findings.push(
          finding(
            'date',
            language,
            date.text,
            'warning',
            `La fecha «${date.text}» no tiene equivalente en el otro idioma.`,
            `The date "${date.text}" has no counterpart in the other language.`,
          ),
        )
      }
    }
  }
}

function checkNumbers(sides: Record<Language, string>, findings: QaFinding[]): void {
  const numbers = { es: numbersIn(sides.es, 'es'), en: numbersIn(sides.en, 'en') }
  const spelled = { es: spelledNumbersIn(sides.es, 'es'), en: spelledNumbersIn(sides.en, 'en') }
  for (const language of ['es', 'en'] as const) {
    const there = numbers[other(language)]
    const words = spelled[other(language)]
    for (const number of numbers[language]) {
      // The same digits written the same way (case numbers such as 12.562) count as the same number.
      if (there.some((n) => n.value === number.value || n.text === number.text)) continue
      if (words.includes(number.value)) continue
      findings.push(
        finding(
          'number',
          language,
          number.text,
          'warning',
          `El número ${number.text} no aparece en el otro idioma.`,
          `The number ${number.text} does not appear in the other language.`,
        ),
      )
    }
  }
}

/**
 * Below this share of the other side's words, a side without end punctuation looks cut off. On the
 * bundled report English has 0.84 of the Spanish words (median; 0.72 at the tenth percentile);
 * words, not characters, since Spanish words are longer.
 */
const truncatedRatio = 0.7
/** Sides of fewer words are headings or cells, whose length says little. */
const truncatedMinWords = 12
const wordCount = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
const endsSentence = /[.;:!?…)»”"'’]\s*$/u

/** Below this share of the other side's words, a side without end punctuation is cut off even with no item lost. */
const truncatedAloneRatio = 0.5

/**
 * A side much shorter than the other, without end punctuation where the other has it, and either
 * very short or missing an item the other side has (found by the checks before): cut off. English
 * compresses ("law enforcement agencies"), so shortness alone is not enough.
 */
function checkTruncated(sides: Record<Language, string>, findings: QaFinding[]): void {
  for (const language of ['es', 'en'] as const) {
    const here = sides[language].trim()
    const there = sides[other(language)].trim()
    const words = wordCount(there)
    const ratio = wordCount(here) / words
    if (words < truncatedMinWords || ratio >= truncatedRatio) continue
    if (endsSentence.test(here) || !endsSentence.test(there)) continue
    const lost = findings.some((f) => f.found === other(language) && f.check !== 'truncated')
    if (!lost && ratio >= truncatedAloneRatio) continue
    const tail = here.split(/\s+/).slice(-3).join(' ')
    findings.push(
      finding(
        'truncated',
        language,
        tail,
        'error',
        `El texto parece cortado: termina en «${tail}» sin puntuación y es mucho más corto que el otro idioma.`,
        `The text looks cut off: it ends at "${tail}" without punctuation and is much shorter than the other language.`,
      ),
    )
  }
}

function checkAcronyms(sides: Record<Language, string>, findings: QaFinding[]): void {
  // Several pairs may share a form (DPS and DSP are both "DPS" in English): a counterpart through any of them counts.
  const enForms = new Set(acronymPairs.map((p) => p.acronym.en))
  const reported = new Set<string>()
  const unmatched: Record<Language, AcronymPair[]> = { es: [], en: [] }
  for (const pair of acronymPairs) {
    const { es, en } = pair.acronym
    if (es !== en && !enForms.has(es) && hasAcronym(sides.en, es) && !hasAcronym(sides.en, en)) {
      if (reported.has(`en:${es}`)) continue
      reported.add(`en:${es}`)
      findings.push(
        finding(
          'acronym',
          'en',
          es,
          'error',
          `La sigla española ${es} aparece en el texto inglés; en inglés es ${en}.`,
          `The Spanish acronym ${es} is in the English text; in English it is ${en}.`,
        ),
      )
      continue
    }
    for (const language of ['es', 'en'] as const) {
      const there = other(language)
      const written =
        hasAcronym(sides[language], pair.acronym[language]) || hasAcronym(sides[language], pair.acronym[there])
      if (written && !mentions(sides[there], pair, there)) unmatched[language].push(pair)
    }
  }
  const form = (pair: AcronymPair, language: Language): string =>
    hasAcronym(sides[language], pair.acronym[language]) ? pair.acronym[language] : pair.acronym[other(language)]
  // One unknown body on each side: most likely the wrong counterpart ("OPS" translated as "WHO").
  if (unmatched.es.length === 1 && unmatched.en.length === 1) {
    const es = unmatched.es[0]!
    const en = unmatched.en[0]!
    findings.push(
      finding(
        'acronym',
        'en',
        form(en, 'en'),
        'error',
        `${form(es, 'es')} aparece en inglés como ${form(en, 'en')}; su equivalente es ${es.acronym.en}.`,
        `${form(es, 'es')} is rendered in English as ${form(en, 'en')}; its counterpart is ${es.acronym.en}.`,
      ),
    )
    return
  }
  for (const language of ['es', 'en'] as const) {
    for (const pair of unmatched[language]) {
      const text = form(pair, language)
      if (reported.has(`${language}:${text}`)) continue
      reported.add(`${language}:${text}`)
      const counterpart = pair.acronym[other(language)]
      const [otherEs, otherEn] = language === 'es' ? ['inglés', 'English'] : ['español', 'Spanish']
      findings.push(
        finding(
          'acronym',
          language,
          text,
          'warning',
          `${text} no tiene su equivalente ${counterpart} en el texto ${otherEs}.`,
          `${text} has no counterpart ${counterpart} in the ${otherEn} text.`,
        ),
      )
    }
  }
}

/** English words per Spanish word on the bundled annual report (the median over pairs of 12 words or more). */
export const defaultWordRatio = 0.84
/** A pair's ratio this many times above or below the norm is far off: a sentence dropped or added. */
const lengthFactor = 1.8

/** Options of `checkPair`. */
export interface PairCheckOptions {
  /**
   * The report's norm of English words per Spanish word (`wordRatioOf`); default
   * `defaultWordRatio`. Must be positive.
   */
  readonly wordRatio?: number
}

function checkLength(sides: Record<Language, string>, wordRatio: number, findings: QaFinding[]): void {
  if (findings.some((f) => f.check === 'truncated')) return
  const es = wordCount(sides.es)
  const en = wordCount(sides.en)
  if (Math.max(es, en) < truncatedMinWords) return
  const ratio = en / es / wordRatio
  if (ratio >= 1 / lengthFactor && ratio <= lengthFactor) return
  const shorter: Language = ratio < 1 ? 'en' : 'es'
  const percent = String(Math.round((shorter === 'en' ? ratio : 1 / ratio) * 100))
  findings.push(
    finding(
      'length',
      shorter,
      `${es}/${en}`,
      'warning',
      `El texto ${shorter === 'en' ? 'inglés' : 'español'} es mucho más corto de lo habitual en este informe (${percent} %): ¿falta una frase?`,
      `The ${shorter === 'en' ? 'English' : 'Spanish'} text is much shorter than usual in this report (${percent}%): is a sentence missing?`,
    ),
  )
}

/**
 * The report's norm of English words per Spanish word: the median over `pairs` of 12 words or
 * more on both sides; `defaultWordRatio` when fewer than 20 such pairs.
 */
export function wordRatioOf(pairs: ReadonlyArray<Bilingual>): number {
  const ratios = pairs
    .map((p) => ({ es: wordCount(p.es), en: wordCount(p.en) }))
    .filter((c) => c.es >= truncatedMinWords && c.en >= truncatedMinWords)
    .map((c) => c.en / c.es)
    .sort((a, b) => a - b)
  return ratios.length < 20 ? defaultWordRatio : ratios[Math.floor(ratios.length / 2)]!
}

/** At least this many items without counterpart before a pair is suspected of not being a translation at all. */
const mismatchMinFindings = 3
/** More than this share of a pair's items without counterpart: the two sides likely say different things. */
const mismatchShare = 0.5

/** How many items (numbers, dates, symbols, URLs, acronyms) the two sides write, counted per side. */
function itemCount(es: string, en: string): number {
  let count = 0
  for (const [text, language] of [
    [es, 'es'],
    [en, 'en'],
  ] as const) {
    const symbols = symbolsIn(text).map((s) => s.text)
    const urls = urlsIn(text)
    const rest = blank(text, [...symbols, ...urls])
    const dates = datesIn(rest, language).map((d) => d.text)
    count += symbols.length + urls.length + dates.length + numbersIn(blank(rest, dates), language).length
    count += acronymPairs.filter((p) => hasAcronym(text, p.acronym.es) || hasAcronym(text, p.acronym.en)).length
  }
  return count
}

/**
 * One finding instead of many when most of a pair's items disagree: the blocks are probably not
 * translations of each other (a wrong alignment, a paragraph pasted in the wrong place).
 */
function suspectPairing(es: string, en: string, findings: readonly QaFinding[]): QaFinding[] {
  const items = findings.filter((f) => !['truncated', 'punctuation', 'length'].includes(f.check))
  if (items.length < mismatchMinFindings || items.length <= itemCount(es, en) * mismatchShare) return [...findings]
  return [
    finding(
      'pairing',
      'es',
      es.slice(0, 40),
      'warning',
      `Estos bloques quizá no sean traducción uno del otro: ${items.length} elementos (números, fechas, siglas, enlaces) no coinciden.`,
      `These blocks may not be translations of each other: ${items.length} items (numbers, dates, acronyms, links) do not match.`,
    ),
  ]
}

/**
 * QA findings between the Spanish and English text of one aligned pair: resolution symbols,
 * URLs, dates and date ranges, numbers (each read with its language's separators, or spelled out),
 * acronyms through the term list and the actor registry, a side cut short, a length far off the
 * report's norm (`options.wordRatio`), Spanish ¿? ¡! marks unpaired. Symbols, URLs and dates are taken out before numbers are compared, so each item is
 * reported once. A pair whose items mostly disagree gets one `pairing` finding instead of one per
 * item; a side copied untranslated gets that one finding only. A pair with one side empty is a
 * missing translation, not a QA matter: no findings.
 */
export function checkPair(es: string, en: string, options: PairCheckOptions = {}): QaFinding[] {
  if (!es.trim() || !en.trim()) return []
  const copied = untranslated(es, en)
  if (copied.length) return copied.map((c) => ({ check: 'untranslated', severity: 'warning', ...c }))
  const findings: QaFinding[] = invertedMarks(es, en).map(({ found, text, message }) => ({
    check: 'punctuation',
    severity: 'info',
    found,
    text,
    message,
  }))
  let sides: Record<Language, string> = { es, en }
  checkSymbols(sides, findings)
  checkUrls(sides, findings)
  sides = {
    es: blank(es, [...symbolsIn(es).map((s) => s.text), ...urlsIn(es)]),
    en: blank(en, [...symbolsIn(en).map((s) => s.text), ...urlsIn(en)]),
  }
  checkDates(sides, findings)
  sides = {
    es: blank(
      sides.es,
      datesIn(sides.es, 'es').map((d) => d.text),
    ),
    en: blank(
      sides.en,
      datesIn(sides.en, 'en').map((d) => d.text),
    ),
  }
  checkNumbers(sides, findings)
  checkAcronyms({ es, en }, findings)
  checkTruncated({ es, en }, findings)
  checkLength({ es, en }, options.wordRatio ?? defaultWordRatio, findings)
  return suspectPairing(es, en, findings)
}
