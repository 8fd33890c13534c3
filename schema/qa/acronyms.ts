import { knownActors } from '../actors.ts'
import type { Bilingual, Language } from '../languages.ts'
import { terms } from '../terms.ts'

/** An acronym in both languages with the name it stands for, from the term list or the actor registry. */
export interface AcronymPair {
  readonly acronym: Bilingual
  readonly name: Bilingual
}

// An acronym needs two capitals to count ("CAN", "MiDE"), so the verb "can" and the article "un" are
// never read as acronyms; registry entries such as "Cumbres" are names, not acronyms.
const capitals = (form: string): number => form.replace(/[^\p{Lu}]/gu, '').length

/** The term list, then the registry's actors it lacks. */
export const acronymPairs: readonly AcronymPair[] = [
  ...terms.map((t) => ({ acronym: { es: t.es, en: t.en }, name: t.meaning })),
  ...knownActors
    .filter((a) => capitals(a.acronym.es) >= 2 && capitals(a.acronym.en) >= 2)
    .filter((a) => !terms.some((t) => t.es === a.acronym.es && t.en === a.acronym.en))
    .map((a) => ({ acronym: a.acronym, name: a.name })),
]

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** More than this share of a text's words in capitals: a heading written in capitals. */
const shoutingShare = 0.6
/** Acronyms up to this length are also common words in capitals ("UN", "CAN"); longer ones are still read. */
const shoutingMaxLength = 3

const knownForms = new Set(acronymPairs.flatMap((p) => [p.acronym.es.toUpperCase(), p.acronym.en.toUpperCase()]))

/**
 * A heading in capitals: most words of three letters or more are in capitals, at least three of
 * them, and one is an ordinary word (so "La OIM y la CIDH" and "OIT, OPS y PNUD" are not).
 */
function shouting(text: string): boolean {
  const words = text.split(/[^\p{L}]+/u).filter((w) => w.length >= 3)
  const upper = words.filter((w) => w === w.toUpperCase())
  return (
    upper.length >= 3 &&
    upper.length > words.length * shoutingShare &&
    upper.some((w) => w.length >= 4 && !knownForms.has(w))
  )
}

/**
 * True when `text` writes the acronym `form`, ignoring case and dots ("MIDE" and "MiDE", "O.E.A"
 * and "OEA"), as a word of its own with at least two capitals.
 */
export function hasAcronym(text: string, form: string): boolean {
  // In a heading written in capitals, "UN", "UE" and "CAN" are words, not acronyms.
  if (form.replace(/\./g, '').length <= shoutingMaxLength && shouting(text)) return false
  const letters = [...form.replace(/\./g, '')].map(escapeRegExp).join('\\.?')
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${letters}\\.?(?![\\p{L}\\p{N}])`, 'giu')
  for (const m of text.matchAll(pattern)) if (m[0] === form || capitals(m[0]) >= 2) return true
  return false
}

// Words too common in these names to show which body is meant ("Organización", "Migration").
const generic = new Set(
  [
    'organización',
    'organization',
    'organisation',
    'internacional',
    'international',
    'interamericana',
    'interamericano',
    'inter-american',
    'naciones',
    'nations',
    'unidas',
    'united',
    'derechos',
    'rights',
    'humanos',
    'human',
    'estados',
    'states',
    'americanos',
    'american',
    'americas',
    'américas',
    'general',
    'secretaría',
    'secretariat',
    'ejecutiva',
    'executive',
    'departamento',
    'department',
    'programa',
    'program',
    'oficina',
    'office',
    'migración',
    'migraciones',
    'migration',
    'migratorios',
    'issues',
    'asuntos',
    'affairs',
    'sistema',
    'system',
    'continuo',
    'continuous',
    'regional',
    'conferencia',
    'conference',
    'desarrollo',
    'development',
  ].map(fold),
)

/** The words of a name that show which body it is ("Commission", "Andean", "Refugees"). */
function distinctiveWords(name: string): string[] {
  return fold(name)
    .split(/[^\p{L}-]+/u)
    .filter((w) => w.length >= 6 && !generic.has(w))
}

/**
 * True when `text` names the body of `pair` in `language`: its acronym in either language, its
 * full name in either language, or a distinctive word of the name ("the Commission" for the IACHR).
 */
export function mentions(text: string, pair: AcronymPair, language: Language): boolean {
  if (hasAcronym(text, pair.acronym.es) || hasAcronym(text, pair.acronym.en)) return true
  const folded = fold(text)
  if (folded.includes(fold(pair.name.es)) || folded.includes(fold(pair.name.en))) return true
  const words = new Set(folded.split(/[^\p{L}-]+/u))
  return distinctiveWords(pair.name[language]).some((w) => words.has(w))
}
