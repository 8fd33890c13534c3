import type { Language } from '../languages.ts'

/** Stable codes of import failures. */
export type ImportErrorCode = 'empty' | 'binary' | 'unrecognised' | 'truncated' | 'no-input' | 'invalid-option'

/** Input the importer refuses. Nothing of it is kept. */
export class ImportError extends Error {
  /** A stable code for programs. */
  readonly code: ImportErrorCode
  /** The original at fault, when the problem is in one of them. */
  readonly language?: Language

  constructor(code: ImportErrorCode, message: string, language?: Language) {
    super(message)
    this.name = 'ImportError'
    this.code = code
    if (language !== undefined) this.language = language
  }
}
