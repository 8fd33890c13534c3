import { fold, slugify } from './lines.ts'

/**
 * English titles of the narrative headings the annual reports use, by folded Spanish title. Section
 * ids are slugs of the English title, so a Spanish-only import and a bilingual import of the same
 * report give the same section ids.
 */
const englishTitles: Readonly<Record<string, string>> = {
  antecedentes: 'Background',
  'objetivos del programa': 'Program objectives',
  'informe anual de actividades': 'Annual activities report',
  conclusion: 'Conclusion',
  conclusiones: 'Conclusions',
  introduccion: 'Introduction',
}

/** The English title of a known Spanish narrative heading title, or undefined. */
export function englishTitleOf(spanishTitle: string): string | undefined {
  return englishTitles[fold(spanishTitle).replace(/[:.]$/, '')]
}

/** The section id for a narrative heading title in `language`: a slug of its English title when known. */
export function narrativeKey(title: string, language: 'es' | 'en'): string {
  const english = language === 'en' ? title : englishTitleOf(title)
  return slugify(english ?? title) || 'section'
}
