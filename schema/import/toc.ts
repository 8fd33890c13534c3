import type { Language } from '../languages.ts'
import { readEnumerator, readRomanHeading, recogniseActor } from './headings.ts'
import { isBlank, type SourceLine } from './lines.ts'
import type { ParsedSection } from './parsed.ts'
import type { ImportWarning } from './types.ts'
import { ImportError } from './import-error.ts'

/** One entry of a table of contents. */
export interface TocEntry {
  /** Lettered numbering (`B.3`) or Roman numeral (`IV`), when the entry has one. */
  readonly numbering?: string
  /** True when `numbering` is a Roman numeral (a narrative section). */
  readonly roman: boolean
  /** The entry's title, leaders and page number removed. */
  text: string
  /** The page number printed for it. */
  page?: number
  /** The actor the entry names, if any. */
  actor?: string
  readonly line: number
}

/** Dot leaders ("……..", "....") and a page number at the end of a line. */
const leaderAndPage = /^(.*?)(?:\s*[….·_][\s….·_]*|^\s*)(\d{1,3})$/

/** Dot leaders and stray slashes at the end of an entry's text. */
function clean(text: string): string {
  return text.replace(/[\s….·_/]+$/u, '').trim()
}

function splitPage(text: string): { text: string; page?: number } {
  const match = leaderAndPage.exec(text.trim())
  return match ? { text: match[1]!.trim(), page: Number(match[2]) } : { text: text.trim() }
}

/**
 * The entries of a table of contents. An entry starts at a numbering (`B.1.`, `IV.`) or, after an
 * entry that already has its page, at any text; a line without numbering before the page number
 * continues the entry; dot leaders are dropped and page numbers kept.
 */
export function readToc(lines: readonly SourceLine[]): TocEntry[] {
  const entries: TocEntry[] = []
  let current: TocEntry | undefined
  for (const line of lines) {
    if (isBlank(line)) continue
    const { text, page } = splitPage(line.text)
    const roman = readRomanHeading(clean(text))
    const lettered = roman ? undefined : readEnumerator(text)
    if (roman || lettered || !current || current.page !== undefined) {
      current = roman
        ? { numbering: roman.numeral, roman: true, text: roman.title, line: line.line }
        : lettered
          ? { numbering: lettered.numbering, roman: false, text: clean(lettered.rest), line: line.line }
          : { roman: false, text: clean(text), line: line.line }
      entries.push(current)
    } else if (clean(text)) {
      current.text = current.text ? `${current.text} ${clean(text)}` : clean(text)
    }
    if (page !== undefined && current.page === undefined) current.page = page
  }
  for (const entry of entries) {
    if (!entry.roman && entry.numbering) {
      const actor = recogniseActor(entry.text)
      if (actor) entry.actor = actor
    }
  }
  return entries.filter((entry) => entry.text !== '' || entry.page !== undefined)
}

/**
 * Cross-check a table of contents against the body: every actor listed should head a section
 * with the same numbering, and every actor section should be listed (`toc-mismatch` warnings).
 * Throws `ImportError` `truncated` when the body lacks the last entry: the text was cut off.
 */
export function checkToc(
  entries: readonly TocEntry[],
  sections: readonly ParsedSection[],
  language: Language,
  warnings: ImportWarning[],
): void {
  const last = entries.at(-1)
  if (last) {
    const found = last.roman
      ? sections.some((section) => section.kind === 'narrative' && section.numbering === last.numbering)
      : last.actor
        ? sections.some((section) => section.actor === last.actor)
        : true
    if (!found) {
      throw new ImportError(
        'truncated',
        `The ${language === 'es' ? 'Spanish' : 'English'} original seems cut off: its table of contents ends with "${[last.numbering, last.text].filter(Boolean).join('. ')}" (line ${last.line}), which the text never reaches`,
        language,
      )
    }
  }
  const listed = new Set<string>()
  for (const entry of entries) {
    if (entry.roman || !entry.actor) continue
    listed.add(entry.actor)
    const section = sections.find((candidate) => candidate.actor === entry.actor)
    if (!section) {
      warnings.push({
        code: 'toc-mismatch',
        language,
        line: entry.line,
        section: entry.actor,
        message: `The table of contents lists "${entry.numbering}. ${entry.text}", which has no section in the text`,
      })
    } else if (section.numbering !== entry.numbering) {
      warnings.push({
        code: 'toc-mismatch',
        language,
        line: entry.line,
        section: entry.actor,
        message: `The table of contents numbers "${entry.text}" ${entry.numbering} while the text numbers it ${section.numbering} (line ${section.line})`,
      })
    }
  }
  for (const section of sections) {
    if (section.kind === 'actor' && section.actor && !listed.has(section.actor)) {
      warnings.push({
        code: 'toc-mismatch',
        language,
        line: section.line,
        section: section.actor,
        message: `The section "${section.heading}" is not in the table of contents`,
      })
    }
  }
}
