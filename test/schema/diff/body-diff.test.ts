import { describe, expect, it } from 'vitest'
import { diffBodies, sideOf, type NodeJSON } from '../../../schema/index.ts'
import { doc, h, p, row, table } from '../../helpers/documents.ts'

const r1 = { mandate: '1. Promover', executed: 'Se realizó un taller' }
const r2 = { mandate: '2. Capacitar', executed: 'Dos cursos' }
const r3 = { mandate: '3. Difundir', executed: 'Boletín mensual' }

interface Case {
  readonly name: string
  readonly before: NodeJSON
  readonly after: NodeJSON
  /** Expected block changes as `change:id`, in the order reported. */
  readonly blocks: string[]
  /** Expected row changes as `change:id`. */
  readonly rows?: string[]
  /** Expected old/new text of the first changed block, checked through the word diff. */
  readonly text?: [string, string]
}

const cases: Case[] = [
  { name: 'no change', before: doc(p('a', 'uno')), after: doc(p('a', 'uno')), blocks: [] },
  {
    name: 'a word edited',
    before: doc(p('a', 'Se realizó un taller')),
    after: doc(p('a', 'Se realizaron dos talleres')),
    blocks: ['changed:a'],
    text: ['Se realizó un taller', 'Se realizaron dos talleres'],
  },
  {
    name: 'accents and punctuation only',
    before: doc(p('a', 'Migracion y Desarrollo')),
    after: doc(p('a', 'Migración y Desarrollo.')),
    blocks: ['changed:a'],
    text: ['Migracion y Desarrollo', 'Migración y Desarrollo.'],
  },
  {
    name: 'a block inserted',
    before: doc(p('a', 'uno')),
    after: doc(p('a', 'uno'), p('b', 'dos')),
    blocks: ['inserted:b'],
    text: ['', 'dos'],
  },
  {
    name: 'a block deleted',
    before: doc(p('a', 'uno'), p('b', 'dos')),
    after: doc(p('a', 'uno')),
    blocks: ['deleted:b'],
    text: ['dos', ''],
  },
  {
    name: 'a block moved',
    before: doc(p('a', 'uno'), p('b', 'dos'), p('c', 'tres')),
    after: doc(p('c', 'tres'), p('a', 'uno'), p('b', 'dos')),
    blocks: ['moved:c'],
  },
  {
    name: 'a paragraph turned into a heading',
    before: doc(p('a', 'Título')),
    after: doc(h('a', 'Título')),
    blocks: ['formatted:a'],
  },
  {
    name: 'bold added',
    before: doc(p('a', 'OIM')),
    after: doc({
      type: 'paragraph',
      attrs: { id: 'a' },
      content: [{ type: 'text', text: 'OIM', marks: [{ type: 'strong' }] }],
    }),
    blocks: ['formatted:a'],
  },
  {
    name: 'a table row added',
    before: doc(table([row('r1', r1)])),
    after: doc(table([row('r1', r1), row('r2', r2)])),
    blocks: [
      'inserted:r2-mandate',
      'inserted:r2-programmed',
      'inserted:r2-executed',
      'inserted:r2-planned',
      'inserted:r2-financing',
    ],
    rows: ['inserted:r2'],
  },
  {
    name: 'a table row removed',
    before: doc(table([row('r1', r1), row('r2', r2)])),
    after: doc(table([row('r1', r1)])),
    blocks: [
      'deleted:r2-mandate',
      'deleted:r2-programmed',
      'deleted:r2-executed',
      'deleted:r2-planned',
      'deleted:r2-financing',
    ],
    rows: ['deleted:r2'],
  },
  {
    name: 'a table row moved',
    before: doc(table([row('r1', r1), row('r2', r2), row('r3', r3)])),
    after: doc(table([row('r3', r3), row('r1', r1), row('r2', r2)])),
    blocks: [],
    rows: ['moved:r3'],
  },
  {
    name: 'one cell changed',
    before: doc(table([row('r1', r1), row('r2', r2)])),
    after: doc(table([row('r1', { ...r1, executed: 'Se realizaron dos talleres' }), row('r2', r2)])),
    blocks: ['changed:r1-executed'],
    rows: ['changed:r1'],
    text: ['Se realizó un taller', 'Se realizaron dos talleres'],
  },
]

describe('diffBodies', () => {
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      const diff = diffBodies(c.before, c.after)
      expect(diff.blocks.map((b) => `${b.change}:${b.id}`)).toEqual(c.blocks)
      expect(diff.rows.map((r) => `${r.change}:${r.id}`)).toEqual(c.rows ?? [])
      expect(diff.changed).toBe(c.blocks.length > 0 || (c.rows ?? []).length > 0)
      if (c.text) {
        expect(sideOf(diff.blocks[0]!.words, 'before')).toBe(c.text[0])
        expect(sideOf(diff.blocks[0]!.words, 'after')).toBe(c.text[1])
      }
    })
  }

  it('diffs words, not characters, and keeps accented words whole', () => {
    const diff = diffBodies(
      doc(p('a', 'la Relatoría participó en la reunión')),
      doc(p('a', 'la Relatoría organizó la reunión')),
    )
    const words = (op: string) =>
      diff.blocks[0]!.words.filter((w) => w.op === op)
        .flatMap((w) => w.text.split(/\s+/))
        .filter(Boolean)
        .sort()
    expect(words('delete')).toEqual(['en', 'participó'])
    expect(words('insert')).toEqual(['organizó'])
  })

  it('places a changed cell in its row and column', () => {
    const diff = diffBodies(
      doc(table([row('r1', r1)])),
      doc(table([row('r1', { ...r1, financing: 'Fondo Regular OEA' })])),
    )
    expect(diff.blocks[0]).toMatchObject({ id: 'r1-financing', row: 'r1', column: 'financing', change: 'changed' })
    expect(diff.rows[0]).toEqual({ id: 'r1', change: 'changed', columns: ['financing'] })
  })
})
