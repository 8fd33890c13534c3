import { termsFor } from '../terms.ts'

/** Resolution symbols: `AG/RES. 2141 (XXXV-O/05)`, `AG/RES 2141`. */
const resolutionPattern = /\bAG\/RES\.?\s*(\d{3,4})/g
/** Web addresses. */
const urlPattern = /\b(?:https?:\/\/|www\.)[^\s)"”»,;]+/gi
/** Numbers with thousands or decimal separators in either language's style. */
const numberPattern = /\d+(?:[.,]\d+)*/g
/** Acronyms: a capital, then letters with at least one more capital (OIM, MiDE, SG/OEA parts). */
const acronymPattern = /\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b/g

/**
 * What a text shares with its translation whatever the language: resolution symbols, web
 * addresses, numbers of two digits or more (separators removed, so 60.000 and 60,000 agree), and
 * acronyms mapped through the term list (OIM and IOM give the same anchor). A multiset, as an array.
 */
export function anchorsOf(text: string): string[] {
  const anchors: string[] = []
  let rest = text
  for (const match of text.matchAll(resolutionPattern)) anchors.push(`res:${match[1]}`)
  for (const match of text.matchAll(urlPattern)) {
    anchors.push(
      `url:${match[0]
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/[./]+$/, '')}`,
    )
    rest = rest.replace(match[0], ' ')
  }
  for (const match of rest.matchAll(numberPattern)) {
    const digits = match[0].replace(/[.,]/g, '')
    if (digits.length >= 2) anchors.push(`n:${digits.replace(/^0+(?=\d)/, '')}`)
  }
  for (const match of rest.matchAll(acronymPattern)) {
    const terms = termsFor(match[0])
    if (terms.length > 0) anchors.push(`t:${terms[0]!.en}`)
    else if (match[0] === match[0].toUpperCase() && match[0].length >= 3) anchors.push(`t:${match[0]}`)
  }
  return anchors
}

/** Dice similarity of two anchor multisets: 1 when they are the same, 0 when they share none. */
export function anchorSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0
  const counts = new Map<string, number>()
  for (const anchor of a) counts.set(anchor, (counts.get(anchor) ?? 0) + 1)
  let shared = 0
  for (const anchor of b) {
    const count = counts.get(anchor) ?? 0
    if (count > 0) {
      shared++
      counts.set(anchor, count - 1)
    }
  }
  return (2 * shared) / (a.length + b.length)
}
