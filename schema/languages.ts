/** The two languages of every report. Spanish is the original of the bundled documents. */
export const languages = ['es', 'en'] as const

/** A report language. */
export type Language = (typeof languages)[number]

/** A text in both languages. Either side may be empty while a translation is pending. */
export interface Bilingual {
  readonly es: string
  readonly en: string
}

/** True when `value` is one of the report languages. */
export function isLanguage(value: unknown): value is Language {
  return value === 'es' || value === 'en'
}
