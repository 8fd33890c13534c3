import type { Bilingual, Language } from '../languages.ts'

/** A finding of the text-level checks, before `pair-checks.ts` gives it its check and severity. */
export interface TextIssue {
  readonly kind: 'untranslated' | 'inverted-marks'
  readonly found: Language
  readonly text: string
  readonly message: Bilingual
}

/** Fewer words than this, identical on both sides, are names, acronyms or figures ("CAN", "Costa Rica 2011"). */
const untranslatedMinWords = 4

const words = (text: string): string[] => text.split(/\s+/).filter((w) => /\p{L}/u.test(w))

/** The English side copied from the Spanish (or the other way round): the same words, not translated. */
export function untranslated(es: string, en: string): TextIssue[] {
  const fold = (text: string): string => words(text).join(' ').toLowerCase()
  if (words(es).length < untranslatedMinWords || fold(es) !== fold(en)) return []
  const start = words(en).slice(0, 4).join(' ')
  return [
    {
      kind: 'untranslated',
      found: 'en',
      text: start,
      message: {
        es: `El texto inglés es igual al español («${start}…»): parece sin traducir.`,
        en: `The English text is the same as the Spanish ("${start}…"): it looks untranslated.`,
      },
    },
  ]
}

const count = (text: string, mark: string): number => text.split(mark).length - 1

/**
 * Spanish opening marks that do not pair with closing ones (¿…?, ¡…!), counted over the Spanish
 * side; and Spanish opening marks left in the English side.
 */
export function invertedMarks(es: string, en: string): TextIssue[] {
  const issues: TextIssue[] = []
  for (const [open, close] of [
    ['¿', '?'],
    ['¡', '!'],
  ] as const) {
    if (count(es, open) !== count(es, close)) {
      issues.push({
        kind: 'inverted-marks',
        found: 'es',
        text: `${open}${close}`,
        message: {
          es: `Los signos ${open} y ${close} no están emparejados en el texto español.`,
          en: `The marks ${open} and ${close} are not paired in the Spanish text.`,
        },
      })
    }
    if (count(en, open) > 0) {
      issues.push({
        kind: 'inverted-marks',
        found: 'en',
        text: open,
        message: {
          es: `El texto inglés tiene el signo español ${open}.`,
          en: `The English text has the Spanish mark ${open}.`,
        },
      })
    }
  }
  return issues
}
