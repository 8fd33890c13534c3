import { knownActors } from '../actors.ts'
import type { Actor } from '../report.ts'
import { fold } from './lines.ts'

/** A heading's numbering, read leniently, and the text after it. */
export interface Enumerated {
  /** Normalised numbering: `B`, `B.2`. */
  readonly numbering: string
  /** The numbering as written. */
  readonly written: string
  /** The heading text after the numbering ('' when the line is nothing but a numbering). */
  readonly rest: string
  /** True when the numbering is irregular (`B.B2.`, `D..`, `A. 1,`) and was read as `numbering`. */
  readonly malformed: boolean
}

/**
 * A capital letter and its separator, then optionally a sub-number (with a stray letter before it
 * in `B.B2.`) and its separator. `..` and `,` are accepted as separators but marked malformed.
 */
const enumeratorPattern = /^([A-Z])\s*(\.\.|[.,])\s*(?:([A-Z]?)(\d{1,2})\s*([.,])?(?=\s|\p{L}|$))?\s*/u

/** The lettered numbering that `text` starts with (`A.`, `B. 1.`, `B.B2.`, `D..`), if any. */
export function readEnumerator(text: string): Enumerated | undefined {
  const trimmed = text.trim()
  const match = enumeratorPattern.exec(trimmed)
  if (!match) return undefined
  const [written, letter, separator, stray, sub, subSeparator] = match
  const malformed = separator === '..' || separator === ',' || Boolean(stray) || subSeparator === ','
  return {
    numbering: sub ? `${letter}.${Number(sub)}` : letter!,
    written: written!.trim(),
    rest: trimmed.slice(written!.length).trim(),
    malformed,
  }
}

/** "IV. Conclusión": a Roman-numbered narrative heading; the numeral and the title. */
const romanHeading = /^\s*([IVX]{1,4})\.\s+(\S.{0,80})$/

/** The Roman numeral and title of a narrative heading line, if it is one. */
export function readRomanHeading(text: string): { numeral: string; title: string } | undefined {
  const match = romanHeading.exec(text)
  if (!match || /[.;,]$/.test(match[2]!.trim())) return undefined
  return { numeral: match[1]!, title: match[2]!.trim() }
}

/** The value of a Roman numeral (I to XXXIX). */
export function romanValue(numeral: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 }
  let total = 0
  for (let i = 0; i < numeral.length; i++) {
    const value = values[numeral[i]!] ?? 0
    const next = values[numeral[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total
}

/** Short words that say nothing about which actor a heading names. */
const stopWords = new Set(['para', 'los', 'las', 'del', 'with', 'from', 'that', 'this', 'sobre', 'entre'])

/** The distinctive words of a name: folded, four letters or more, no stop words. */
export function nameWords(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 4 && !stopWords.has(word))
}

/**
 * Share of an actor's name words a heading must contain to name it without its acronym: two in
 * three lets "Departamento de Educación y Cultura" name the "Oficina de Educación y Cultura".
 */
const minNameShare = 2 / 3

/** Headings name their actor near the start; later words describe the office, not the actor. */
const headingReach = 140

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The id of the actor a heading names, by acronym (a whole word, in either language) or by most
 * of the words of its name, or undefined. When several fit, the best fit wins.
 */
export function recogniseActor(heading: string, actors: readonly Actor[] = knownActors): string | undefined {
  const head = heading.slice(0, headingReach)
  const headWords = new Set(nameWords(head))
  let best: { id: string; score: number } | undefined
  for (const actor of actors) {
    let score = 0
    for (const acronym of [actor.acronym.es, actor.acronym.en]) {
      if (new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(acronym)}(?:$|[^\\p{L}])`, 'u').test(head)) score = 1
    }
    for (const name of [actor.name.es, actor.name.en]) {
      const words = nameWords(name)
      const found = words.filter((word) => headWords.has(word)).length
      if (found >= 2 && found / words.length >= minNameShare) score = Math.max(score, found / words.length)
    }
    if (score > 0 && (!best || score > best.score)) best = { id: actor.id, score }
  }
  return best?.id
}
