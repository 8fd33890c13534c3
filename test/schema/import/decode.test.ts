import { describe, expect, it } from 'vitest'
import { decodeDocument, ImportError } from '../../../schema/index.ts'

describe('decodeDocument', () => {
  it('reads UTF-8 bytes and drops a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Migración…\n')])
    expect(decodeDocument(bytes)).toBe('Migración…\n')
  })

  it('drops a BOM from a string too', () => {
    expect(decodeDocument('\ufeffI. Antecedentes')).toBe('I. Antecedentes')
  })

  it('reads bytes that are not UTF-8 as Windows-1252, quotes and ellipsis included', () => {
    const bytes = new Uint8Array([
      0x4d, 0x69, 0x67, 0x72, 0x61, 0x63, 0x69, 0xf3, 0x6e, 0x20, 0x93, 0x4f, 0x49, 0x4d, 0x94, 0x85, 0x80,
    ])
    expect(decodeDocument(bytes)).toBe('Migración “OIM”…€')
  })

  it('turns CRLF and CR line ends into LF', () => {
    expect(decodeDocument('a\r\nb\rc\n')).toBe('a\nb\nc\n')
  })

  it('refuses text with NUL characters and names the language', () => {
    expect(() => decodeDocument('abc\u0000def', 'en')).toThrow(ImportError)
    const error = (() => {
      try {
        decodeDocument(new Uint8Array([0x41, 0, 0x42]), 'es')
      } catch (thrown) {
        return thrown
      }
      return undefined
    })()
    expect(error).toMatchObject({ code: 'binary', language: 'es' })
    expect((error as Error).message).toMatch(/Spanish original is binary data/)
  })

  it('accepts a few stray control characters in a long text', () => {
    expect(decodeDocument(`${'texto normal '.repeat(100)}\u000b`)).toContain('texto normal')
  })
})
