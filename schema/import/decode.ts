import type { Language } from '../languages.ts'
import { ImportError } from './import-error.ts'

/**
 * Share of control characters (other than tab, line feed, carriage return and form feed) above
 * which a text is taken for binary data: real documents have none, random bytes about one in eight.
 */
const maxControlShare = 0.02

/** Characters counted as control characters: C0 (except tab, LF, CR, FF), DEL and C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it counts
const controlPattern = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g

/**
 * Windows-1252 characters for the bytes 0x80–0x9F (the rest of the code page is Latin-1). Written
 * out because some runtimes decode the "windows-1252" label as Latin-1, turning "…" into a C1
 * control. The five undefined bytes stay C1 controls, which the binary check counts.
 */
const cp1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** Decode Windows-1252 bytes. */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192)
    text += String.fromCharCode(
      ...Array.from(chunk, (byte) => (byte >= 0x80 && byte < 0xa0 ? cp1252High.charCodeAt(byte - 0x80) : byte)),
    )
  }
  return text
}

function languageName(language: Language | undefined): string {
  return language === 'es' ? 'Spanish original' : language === 'en' ? 'English original' : 'document'
}

function refuseBinary(text: string, language: Language | undefined, how: string): void {
  if (text.includes('\u0000')) {
    throw new ImportError(
      'binary',
      `The ${languageName(language)} is binary data, not text (${how} contains NUL bytes)`,
      language,
    )
  }
  const controls = text.match(controlPattern)?.length ?? 0
  if (text.length > 0 && controls / text.length > maxControlShare) {
    throw new ImportError(
      'binary',
      `The ${languageName(language)} is binary data, not text: ${controls} of its ${text.length} characters are control characters`,
      language,
    )
  }
}

/**
 * The text of an original, from a string or bytes. Bytes are read as UTF-8 (a leading BOM is
 * dropped) or, when they are not valid UTF-8, as Windows-1252. Line ends (CRLF, CR) become LF.
 * Throws `ImportError` `binary` for NUL bytes or mostly control characters.
 */
export function decodeDocument(input: string | Uint8Array, language?: Language): string {
  let text: string
  if (typeof input === 'string') {
    text = input
    refuseBinary(text, language, 'the text')
  } else {
    if (input.includes(0)) refuseBinary('\u0000', language, 'the file')
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input)
    } catch {
      text = decodeWindows1252(input)
    }
    refuseBinary(text, language, 'the file')
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return text.replace(/\r\n?/g, '\n')
}
