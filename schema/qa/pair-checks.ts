import type { Bilingual, Language } from '../languages.ts'
import { terms } from '../terms.ts'
import { datesIn } from './dates.ts'
import { numbersIn } from './numbers.ts'
import { symbolsIn, urlsIn } from './symbols.ts'

/** The QA checks run between the two sides of an aligned pair. */
export type QaCheck = 'number' | 'date' | 'resolution' | 'url' | 'acronym'

/** Something one side of a pair says that the other does not; advice, never a block on typing. */
export interface QaFinding {
  readonly check: QaCheck
  /** The side the item was found on. */
  readonly found: Language
  /** The text as written there. */
  readonly text: string
  /** What to look at, in both languages (the interface shows the reader's). */
  readonly message: Bilingual
}

function finding(check: QaCheck, found: Language, text: string, es: string, en: string): QaFinding {
  return { check, found, text, message: { es, en } }
}

/** Replace the spans matched by `pattern`-like finds with spaces, so later checks do not see them again. */
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
      if (there.some((s) => s.text === symbol.text)) continue
      const variant = there.find((s) => s.key === symbol.key)
      if (variant && language === 'en') continue // reported once, from the Spanish side
      findings.push(
        variant
          ? finding(
              'resolution',
              language,
              symbol.text,
              `La resolución se escribe «${symbol.text}» en español y «${variant.text}» en inglés; debe ser idéntica.`,
              `The resolution reads "${symbol.text}" in Spanish and "${variant.text}" in English; it must be identical.`,
            )
          : finding(
              'resolution',
              language,
              symbol.text,
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
    const there = new Set(dates[other(language)].map((d) => d.date))
    for (const date of dates[language]) {
      if (!there.has(date.date)) {
        findings.push(
          finding(
            'date',
            language,
            date.text,
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
  for (const language of ['es', 'en'] as const) {
    const there = numbers[other(language)]
    for (const number of numbers[language]) {
      // The same digits written the same way (case numbers such as 12.562) count as the same number.
      if (there.some((n) => n.value === number.value || n.text === number.text)) continue
      findings.push(
        finding(
          'number',
          language,
          number.text,
          `El número ${number.text} no aparece en el otro idioma.`,
          `The number ${number.text} does not appear in the other language.`,
        ),
      )
    }
  }
}

function hasWord(text: string, word: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(
    text,
  )
}

function checkAcronyms(sides: Record<Language, string>, findings: QaFinding[]): void {
  // Several terms may share a form (DPS and DSP are both "DPS" in English): a counterpart through any of them counts.
  const enFormsOf = (es: string) => terms.filter((t) => t.es === es).map((t) => t.en)
  const esFormsOf = (en: string) => terms.filter((t) => t.en === en).map((t) => t.es)
  const reported = new Set<string>()
  const report = (key: string, item: QaFinding) => {
    if (!reported.has(key)) findings.push(item)
    reported.add(key)
  }
  for (const term of terms) {
    const inEs = hasWord(sides.es, term.es)
    const inEn = hasWord(sides.en, term.en)
    if (term.es !== term.en && hasWord(sides.en, term.es) && !enFormsOf(term.es).some((en) => hasWord(sides.en, en))) {
      report(
        `en:${term.es}`,
        finding(
          'acronym',
          'en',
          term.es,
          `La sigla española ${term.es} aparece en el texto inglés; en inglés es ${term.en}.`,
          `The Spanish acronym ${term.es} is in the English text; in English it is ${term.en}.`,
        ),
      )
    } else if (inEs && !enFormsOf(term.es).some((en) => hasWord(sides.en, en))) {
      report(
        `es:${term.es}`,
        finding(
          'acronym',
          'es',
          term.es,
          `${term.es} no tiene su equivalente ${term.en} en el texto inglés.`,
          `${term.es} has no counterpart ${term.en} in the English text.`,
        ),
      )
    } else if (inEn && !esFormsOf(term.en).some((es) => hasWord(sides.es, es))) {
      report(
        `en:${term.en}`,
        finding(
          'acronym',
          'en',
          term.en,
          `${term.en} no tiene su equivalente ${term.es} en el texto español.`,
          `${term.en} has no counterpart ${term.es} in the Spanish text.`,
        ),
      )
    }
  }
}

/**
 * QA findings between the Spanish and English text of one aligned pair: resolution symbols,
 * URLs, dates, numbers (each read with its language's separators) and acronyms through the term
 * list. Symbols, URLs and dates are taken out before numbers are compared, so each item is
 * reported once. A pair with one side empty is a missing translation, not a QA matter: no findings.
 */
export function checkPair(es: string, en: string): QaFinding[] {
  if (!es.trim() || !en.trim()) return []
  const findings: QaFinding[] = []
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
  return findings
}
