import { describe, expect, it } from 'vitest'
import { readBodyWith } from '../../../schema/api/contract.ts'
import { importFields } from '../../../schema/api/reports.ts'
import { pairMark } from '../../../schema/api/translation-status.ts'
import { newUser, userPatch } from '../../../schema/api/users.ts'
import { publishTarget, restoreTarget, versionName } from '../../../schema/api/versions.ts'

describe('HTTP body contracts', () => {
  it('answer 400 bad-body, naming the shape, for a body that is not an object', () => {
    for (const body of [null, 'text', 3, ['a']]) {
      expect(readBodyWith(pairMark, body)).toEqual({
        problem: { status: 400, code: 'bad-body', message: 'Send a JSON object {section, block, mark}.' },
      })
    }
  })

  it("answer a failing field's own code and status, with its message", () => {
    expect(readBodyWith(newUser, { username: 'X Y', password: 'password-1', role: 'editor' })).toMatchObject({
      problem: { status: 400, code: 'bad-username' },
    })
    expect(readBodyWith(newUser, { username: 'ana', password: 'short', role: 'editor' })).toMatchObject({
      problem: { code: 'bad-password' },
    })
    expect(readBodyWith(newUser, { username: 'ana', password: 'password-1', role: 'boss' })).toMatchObject({
      problem: { code: 'bad-role', message: 'role must be one of admin, editor, translator, agency, viewer.' },
    })
    expect(readBodyWith(userPatch, { actors: ['IOM'] })).toMatchObject({ problem: { code: 'bad-actors' } })
    expect(readBodyWith(importFields, { id: 'Not A Slug' })).toMatchObject({
      problem: { status: 422, code: 'import-invalid-option' },
    })
    expect(readBodyWith(importFields, { es: 3 })).toMatchObject({
      problem: { status: 400, code: 'bad-body', message: 'es must be the text of the Spanish original.' },
    })
    expect(readBodyWith(pairMark, { section: 'iom', block: 'b1', mark: 'done' })).toMatchObject({
      problem: { code: 'bad-mark' },
    })
    expect(readBodyWith(pairMark, { section: '', block: 'b1', mark: 'translated' })).toMatchObject({
      problem: { code: 'bad-body', message: 'section must be a non-empty id.' },
    })
  })

  it('give the parsed value: names trimmed, version ids as numbers, unknown fields dropped', () => {
    expect(readBodyWith(versionName, { name: '  Draft for CAJP  ', extra: 1 })).toEqual({
      value: { name: 'Draft for CAJP' },
    })
    expect(readBodyWith(versionName, { name: '   ' })).toMatchObject({ problem: { status: 422, code: 'bad-name' } })
    expect(readBodyWith(restoreTarget, { version: '12' })).toEqual({ value: { version: 12 } })
    expect(readBodyWith(restoreTarget, { version: 7 })).toEqual({ value: { version: 7 } })
    for (const version of [0, -1, 1.5, '03', 'x', null])
      expect(readBodyWith(restoreTarget, { version })).toMatchObject({ problem: { code: 'bad-version' } })
    expect(readBodyWith(publishTarget, {})).toEqual({ value: {} })
    expect(readBodyWith(newUser, { username: 'ana', password: 'password-1', role: 'agency', actors: ['iom'] })).toEqual(
      {
        value: { username: 'ana', password: 'password-1', role: 'agency', actors: ['iom'] },
      },
    )
  })
})
