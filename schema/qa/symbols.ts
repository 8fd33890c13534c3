/**
 * OAS document and resolution symbols: `AG/RES. 2141 (XXXV-O/05)`, `CP/CAJP-3035/12`,
 * `OEA/Ser.G`. They are identifiers, so they must appear identically in both languages.
 */
const resolutionPattern = /\b[A-Z]{1,}\s*\/\s*RES\.?\s*\d+(?:\s*\([IVXLC]+-[OE]\/\d{2}\))?/g

/** A resolution symbol written in text, and the key that identifies it regardless of spacing and dots. */
export interface WrittenSymbol {
  readonly text: string
  /** The text without spaces ("AG / RES. 2593" is "AG/RES.2593"): equal forms are the same writing. */
  readonly form: string
  /** The resolution's number, e.g. `2141`: equal keys name the same resolution, however written. */
  readonly key: string
}

/** The resolution symbols in `text`. */
export function symbolsIn(text: string): WrittenSymbol[] {
  return [...text.matchAll(resolutionPattern)].map((match) => {
    const parts = /^([A-Z]+)\s*\/\s*RES\.?\s*(\d+)/.exec(match[0])!
    return { text: match[0], form: match[0].replace(/\s+/g, ''), key: parts[2]! }
  })
}

const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi

/** The URLs in `text`, without trailing punctuation. */
export function urlsIn(text: string): string[] {
  return [...text.matchAll(urlPattern)].map((match) => match[0].replace(/[.,;:!?]+$/, ''))
}
