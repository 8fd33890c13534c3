import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { ImportError, importReport, type ImportInput } from '../../../schema/index.ts'
import { counter, seedBytes, seedText } from './seed-files.ts'

function refusal(input: ImportInput): ImportError {
  try {
    importReport(input)
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('the import did not fail')
}

/** Bytes from a seeded generator (xorshift32), so a failure can be replayed: the seed is in the test name. */
function randomBytes(seed: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return bytes
}

const spanish = seedText('annual-report-2011-2012.es.txt')
const english = seedText('annual-report-2011-2012.en.txt')

describe('importReport: refused input', () => {
  it('refuses no input at all', () => {
    expect(refusal({})).toMatchObject({ code: 'no-input' })
  })

  it('refuses an empty original, naming the language', () => {
    const error = refusal({ es: '' })
    expect(error).toMatchObject({ code: 'empty', language: 'es' })
    expect(error.message).toMatch(/Spanish original is empty/)
  })

  it('refuses an original of white space only', () => {
    expect(refusal({ es: spanish, en: ' \n\t\r\n  \n' })).toMatchObject({ code: 'empty', language: 'en' })
  })

  it('refuses random bytes (seed 12345) as binary', () => {
    const error = refusal({ es: randomBytes(12345, 4096) })
    expect(error).toMatchObject({ code: 'binary', language: 'es' })
    expect(error.message).toMatch(/binary data/)
  })

  it('refuses random bytes without NUL (seed 777) as binary', () => {
    const bytes = randomBytes(777, 2048).map((byte) => byte || 1)
    expect(refusal({ en: bytes })).toMatchObject({ code: 'binary', language: 'en' })
  })

  it('refuses a PNG image as binary', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
      0, 0, 0,
    ])
    expect(refusal({ es: png })).toMatchObject({ code: 'binary' })
  })

  it('refuses text that is not a report or a work plan', () => {
    const error = refusal({
      es: 'Querida Ana:\n\nTe escribo para contarte que el viaje fue muy bien.\n\nUn abrazo,\nLuis\n',
    })
    expect(error).toMatchObject({ code: 'unrecognised', language: 'es' })
    expect(error.message).toMatch(/not a recognisable report or work plan/)
  })

  it('refuses the first 300 bytes of the Spanish report as truncated', () => {
    const error = refusal({ es: seedBytes('annual-report-2011-2012.es.txt').slice(0, 300) })
    expect(error).toMatchObject({ code: 'truncated', language: 'es' })
    expect(error.message).toMatch(/cut off/)
  })

  it('refuses the Spanish report cut in the middle of a table, by its table of contents', () => {
    const cut = spanish.split('\n').slice(0, 700).join('\n')
    const error = refusal({ es: cut })
    expect(error).toMatchObject({ code: 'truncated', language: 'es' })
    expect(error.message).toMatch(/table of contents ends with "IV\. Conclusión"/)
  })

  it('refuses the English report cut right after a table header', () => {
    const cut = english.split('\n').slice(0, 60).join('\n')
    const error = refusal({ en: cut })
    expect(error).toMatchObject({ code: 'truncated', language: 'en' })
    expect(error.message).toMatch(/column headings/)
  })

  it('refuses the English report cut inside an actor table', () => {
    const cut = english.split('\n').slice(0, 100).join('\n')
    expect(refusal({ en: cut })).toMatchObject({ code: 'truncated', language: 'en' })
  })

  it('refuses a work plan cut right after its table header', () => {
    const cut = seedText('cam-work-plan-2018-2019.es.txt').split('\n').slice(0, 77).join('\n')
    const error = refusal({ es: cut })
    expect(error).toMatchObject({ code: 'truncated' })
    expect(error.message).toMatch(/column headings/)
  })

  it('refuses an id that is not a slug and an unknown kind', () => {
    expect(refusal({ es: spanish, id: 'Not a slug!' })).toMatchObject({ code: 'invalid-option' })
    expect(refusal({ es: spanish, kind: 'novel' as never })).toMatchObject({ code: 'invalid-option' })
    expect(refusal({ es: spanish, kind: 'work-plan' })).toMatchObject({ code: 'invalid-option' })
  })

  it('refuses a Spanish annual report paired with an English work plan', () => {
    expect(refusal({ es: spanish, en: seedText('crm-action-plan-2006.es.txt') })).toMatchObject({
      code: 'unrecognised',
    })
  })
})

describe('importReport: encodings and line ends', () => {
  const plain = importReport({ es: spanish, newId: counter() }).report

  it('imports UTF-8 with a BOM like the plain file', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...seedBytes('annual-report-2011-2012.es.txt')])
    expect(importReport({ es: bom, newId: counter() }).report).toEqual(plain)
  })

  it('imports Windows-1252 like the plain file', () => {
    const cp1252 = new Uint8Array(iconv.encode(spanish.replace(/\uFFFD/g, '?'), 'win1252'))
    const reference = importReport({ es: spanish.replace(/\uFFFD/g, '?'), newId: counter() }).report
    expect(importReport({ es: cp1252, newId: counter() }).report).toEqual(reference)
  })

  it('imports CRLF and CR line ends like the plain file', () => {
    expect(importReport({ es: spanish.replace(/\n/g, '\r\n'), newId: counter() }).report).toEqual(plain)
    expect(
      importReport({ es: new TextEncoder().encode(spanish.replace(/\n/g, '\r')), newId: counter() }).report,
    ).toEqual(plain)
  })
})
