import type { Language } from '../languages.ts'
import { ImportError } from './import-error.ts'

/**
 * Share of control characters (other than tab, line feed, carriage return and form feed) above
 * which a text is taken for binary data: real documents have none, random bytes about one in eight.
 */
const maxControlShare = 0.02

/** Characters counted as control characters: C0 (except tab, LF, CR, FF), DEL and C1. */
const controlPattern = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g

function languageName(language: Language | undefined): string {
  return language === 'es' ? 'Spanish original' : language === 'en' ? 'English original' : 'document'
}

function refuseBinary(text: string, language: Language | undefined, how: string): void {
  if (text.includes('\u0000')) {
    throw new ImportError('binary', `The ${languageName(language)} is binary data, not text (${how} contains NUL bytes)`, language)
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
      text = new TextDecoder('windows-1252').decode(input)
    }
    refuseBinary(text, language, 'the file')
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return text.replace(/\r\n?/g, '\n')
}
