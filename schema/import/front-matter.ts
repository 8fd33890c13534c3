import { fold, isBlank, upperShare, type SourceLine } from './lines.ts'

/** An original split into cover page, table of contents, title and body. */
export interface FrontMatter {
  /** The non-blank lines of the cover page, trimmed. */
  readonly front: string[]
  /** The document symbol found on the cover (`CP/CAJP-3035/12 add. 4 rev. 2`), or ''. */
  readonly symbol: string
  /** The title line, or ''. */
  readonly title: string
  /** The lines of the table of contents (without its own heading), when there is one. */
  readonly toc?: SourceLine[]
  /** The lines after the title. */
  readonly body: SourceLine[]
}

/** Headings of a table of contents, folded. */
const tocHeadings = new Set(['indice', 'contenido', 'contents', 'table of contents'])
/** OAS document symbols: an organ, a committee and number, a year, and revisions (`CP/CAJP-3035/12 add. 4 rev. 2`). */
const symbolPattern = /^[A-Z]{2,}\/[A-Z]+-?\d+\/\d+\b.*$/
/** A title line is long and in capitals; shorter capital lines are cover-page labels. */
const minTitleLength = 30
/** Share of capitals that makes a line a title or a heading in capitals. */
const capitalShare = 0.8

function isTitleLine(line: SourceLine, minLength = minTitleLength): boolean {
  const text = line.text.trim()
  return !line.cell && text.length >= minLength && upperShare(text) >= capitalShare
}

/**
 * Split an original into its parts. With a table of contents ("INDICE"), the lines before it are
 * the cover, and the title is the first long line in capitals after it; without one, a first line
 * in capitals is the title and there is no cover.
 */
export function splitFrontMatter(lines: readonly SourceLine[]): FrontMatter {
  const tocIndex = lines.findIndex((line) => !line.cell && tocHeadings.has(fold(line.text)))
  const trimmed = (from: number, to: number): string[] =>
    lines
      .slice(from, to)
      .filter((line) => !isBlank(line))
      .map((line) => line.text.trim())
  if (tocIndex >= 0) {
    const front = trimmed(0, tocIndex)
    const symbol = front.find((text) => symbolPattern.test(text)) ?? ''
    const titleIndex = lines.findIndex((line, index) => index > tocIndex && isTitleLine(line))
    if (titleIndex >= 0) {
      return {
        front,
        symbol,
        title: lines[titleIndex]!.text.trim(),
        toc: lines.slice(tocIndex + 1, titleIndex),
        body: lines.slice(titleIndex + 1),
      }
    }
    return { front, symbol, title: '', toc: lines.slice(tocIndex + 1), body: [] }
  }
  const firstIndex = lines.findIndex((line) => !isBlank(line))
  if (firstIndex >= 0 && isTitleLine(lines[firstIndex]!, 20)) {
    return { front: [], symbol: '', title: lines[firstIndex]!.text.trim(), body: lines.slice(firstIndex + 1) }
  }
  return { front: [], symbol: '', title: '', body: [...lines] }
}

/** Lines that only a cover page has: the OAS name, a council, a document series or symbol. */
const coverMarks =
  /OEA\/Ser|ORGANIZACI[OÓ]N DE LOS ESTADOS AMERICANOS|ORGANIZATION OF AMERICAN STATES|CONSEJO PERMANENTE|PERMANENT COUNCIL/i

/** True when the lines look like the start of an OAS document (its cover page or table of contents). */
export function looksLikeCover(lines: readonly SourceLine[]): boolean {
  return lines.some(
    (line) => coverMarks.test(line.text) || symbolPattern.test(line.text.trim()) || tocHeadings.has(fold(line.text)),
  )
}
