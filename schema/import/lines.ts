/** One line of an original: its text without the leading cell tab, and where it was. */
export interface SourceLine {
  /** The text, without the leading tab of a cell and without trailing white space. */
  readonly text: string
  /** True when the line began with a tab: it starts a table cell. */
  readonly cell: boolean
  /** 1-based line number in the original. */
  readonly line: number
}

/** The lines of a decoded original (LF line ends). */
export function toLines(text: string): SourceLine[] {
  return text.split('\n').map((raw, index) => ({
    text: raw.replace(/^\t/, '').replace(/\s+$/u, ''),
    cell: raw.startsWith('\t'),
    line: index + 1,
  }))
}

/** True when the line holds nothing but white space. */
export function isBlank(line: SourceLine): boolean {
  return line.text.trim() === ''
}

/** `text` folded for comparison: lowercase, without accents, single spaces. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim()
}

/** Longest slug made from a heading: section ids stay readable in URLs and logs. */
const maxSlugLength = 48

/** A slug of `text` (lowercase ascii words joined by hyphens, cut at a word end), or '' if none. */
export function slugify(text: string, max = maxSlugLength): string {
  const words = fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word
    if (next.length > max) break
    slug = next
  }
  return slug || (words[0] ?? '').slice(0, max)
}

/** Share of the letters of `text` that are capitals (0 when it has no letters). */
export function upperShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? []
  if (letters.length === 0) return 0
  return letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length / letters.length
}
