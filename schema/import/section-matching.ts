import { anchorsOf, anchorSimilarity } from './anchors.ts'
import { isTable, type ParsedItem, type ParsedSection } from './parsed.ts'

/** A Spanish and an English section found to be the same section, and how sure. */
export interface SectionPair {
  readonly es: number
  readonly en: number
  readonly score: number
}

/** The outcome of matching the sections of two originals. */
export interface SectionMatching {
  readonly pairs: SectionPair[]
  /** English sections (indices) that repeat an English section already matched: `duplicate` is the index it repeats. */
  readonly duplicatesEn: Array<{ index: number; of: number }>
  /** Spanish sections that repeat a matched Spanish section. */
  readonly duplicatesEs: Array<{ index: number; of: number }>
  /** Sections found in one language only. */
  readonly unmatchedEs: number[]
  readonly unmatchedEn: number[]
  /** Matched pairs (by Spanish index) whose English counterpart is out of the Spanish order. */
  readonly moved: number[]
}

/** Below this score two sections share too little to be the same section. */
const minPairScore = 0.2
/** Both headings name the same actor (through the registry's names and acronyms in both languages). */
const sameActorWeight = 1
/** Both headings carry the same Roman numeral or lettered numbering. */
const sameNumberingWeight = 0.3
/** An unmatched section this similar to a matched one in its own language repeats it. */
const duplicateScore = 0.6
/** Scores closer than this are ties, resolved in favour of the section that comes first in its original. */
const tieTolerance = 0.02

/** All the text of a section: its heading and every block, cells included. */
export function sectionText(section: ParsedSection): string {
  const parts = [section.heading]
  const walk = (items: readonly ParsedItem[]): void => {
    for (const item of items) {
      if (isTable(item)) for (const row of item.rows) for (const cell of row.cells) walk(cell)
      else parts.push(item.text)
    }
  }
  walk(section.items)
  return parts.join('\n')
}

/**
 * How much two sections look like the same section: the Dice similarity of their anchors
 * (numbers, resolution symbols, URLs, acronyms through the term list), plus the same actor named
 * by both headings, plus the same numbering. Sections of different kinds never match.
 */
export function sectionScore(
  a: ParsedSection,
  b: ParsedSection,
  anchorsA = anchorsOf(sectionText(a)),
  anchorsB = anchorsOf(sectionText(b)),
): number {
  if (a.kind !== b.kind) return 0
  let score = anchorSimilarity(anchorsA, anchorsB)
  if (a.actor && a.actor === b.actor) score += sameActorWeight
  if (a.numbering && a.numbering === b.numbering) score += sameNumberingWeight
  return score
}

/** Indices of `sequence` that are not in one of its longest increasing subsequences. */
function outOfOrder(sequence: readonly number[]): number[] {
  const n = sequence.length
  const length = new Array<number>(n).fill(1)
  const previous = new Array<number>(n).fill(-1)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (sequence[j]! < sequence[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1
        previous[i] = j
      }
    }
  }
  let end = 0
  for (let i = 1; i < n; i++) if (length[i]! > length[end]!) end = i
  const kept = new Set<number>()
  for (let i = n > 0 ? end : -1; i >= 0; i = previous[i]!) kept.add(i)
  return sequence.map((_, i) => i).filter((i) => !kept.has(i))
}

/**
 * Match Spanish and English sections regardless of their order: score every pair, then take the
 * best-scoring pairs greedily (ties go to the section that comes first in its original). Sections left over are
 * duplicates when they look like a matched section of their own language, else unmatched.
 */
export function matchSections(es: readonly ParsedSection[], en: readonly ParsedSection[]): SectionMatching {
  const anchorsEs = es.map((section) => anchorsOf(sectionText(section)))
  const anchorsEn = en.map((section) => anchorsOf(sectionText(section)))
  const candidates: SectionPair[] = []
  es.forEach((a, i) =>
    en.forEach((b, j) => {
      const score = sectionScore(a, b, anchorsEs[i], anchorsEn[j])
      if (score >= minPairScore) candidates.push({ es: i, en: j, score })
    }),
  )
  const line = (sections: readonly ParsedSection[], index: number): number => sections[index]!.line
  candidates.sort((x, y) =>
    Math.abs(y.score - x.score) > tieTolerance
      ? y.score - x.score
      : line(en, x.en) - line(en, y.en) || line(es, x.es) - line(es, y.es),
  )
  const pairs: SectionPair[] = []
  const usedEs = new Set<number>()
  const usedEn = new Set<number>()
  for (const candidate of candidates) {
    if (usedEs.has(candidate.es) || usedEn.has(candidate.en)) continue
    pairs.push(candidate)
    usedEs.add(candidate.es)
    usedEn.add(candidate.en)
  }
  pairs.sort((x, y) => x.es - y.es)

  const leftovers = (sections: readonly ParsedSection[], anchors: string[][], used: Set<number>, side: 'es' | 'en') => {
    const duplicates: Array<{ index: number; of: number }> = []
    const unmatched: number[] = []
    sections.forEach((section, index) => {
      if (used.has(index)) return
      let best: { of: number; score: number } | undefined
      for (const pair of pairs) {
        const other = pair[side]
        const score = sectionScore(section, sections[other]!, anchors[index], anchors[other])
        if (score >= duplicateScore && (!best || score > best.score)) best = { of: other, score }
      }
      if (best) duplicates.push({ index, of: best.of })
      else unmatched.push(index)
    })
    return { duplicates, unmatched }
  }
  const restEs = leftovers(es, anchorsEs, usedEs, 'es')
  const restEn = leftovers(en, anchorsEn, usedEn, 'en')
  const moved = outOfOrder(pairs.map((pair) => pair.en)).map((k) => pairs[k]!.es)
  return {
    pairs,
    duplicatesEs: restEs.duplicates,
    duplicatesEn: restEn.duplicates,
    unmatchedEs: restEs.unmatched,
    unmatchedEn: restEn.unmatched,
    moved,
  }
}
