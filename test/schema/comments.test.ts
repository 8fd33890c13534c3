import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BodyPositions, type StoredThread } from '../../schema/comments.ts'

/** A body of one paragraph holding `text`; its text starts at ProseMirror position 1. */
function paragraphDoc(text: string): { doc: Y.Doc; content: Y.XmlText } {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.setAttribute('id', 'p1')
  const content = new Y.XmlText(text)
  paragraph.insert(0, [content])
  doc.getXmlFragment('es/iom').insert(0, [paragraph])
  return { doc, content }
}

const edit = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('x', 'y', '#') }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
)

describe('comment anchors', () => {
  // Typed text lands in the range when typed inside it; at a boundary Yjs decides by the order of
  // items (a deleted first character, say), so the property asks only what a reader relies on:
  // the range's own surviving characters, in order, nothing of what was around it, and what was
  // typed strictly inside it. Typed characters (x, y, #) never occur in the initial text.
  it('stay on the same characters through any inserts and deletes around and inside them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(edit, { maxLength: 12 }),
        (startAt, length, edits) => {
          const initial = 'Actividades de la OIM'
          const { doc, content } = paragraphDoc(initial)
          const [start, end] = [startAt, Math.min(initial.length, startAt + length)]
          const anchor = new BodyPositions(doc).anchor('es', 'iom', 1 + start, 1 + end)
          const thread: StoredThread = {
            id: 't',
            section: 'iom',
            lang: 'es',
            ...anchor,
            quote: initial.slice(start, end),
            resolved: false,
            thread: [],
          }
          // The model: each character keeps whether it is in the range and whether it was typed.
          let model = [...initial].map((char, index) => ({ char, inside: index >= start && index < end, typed: false }))
          for (const step of edits) {
            const at = step.at % (model.length + 1)
            if (step.kind === 'insert') {
              const inside = at > 0 && at < model.length && model[at - 1]!.inside && model[at]!.inside
              content.insert(at, step.text)
              model.splice(at, 0, ...[...step.text].map((char) => ({ char, inside, typed: true })))
            } else if (at < model.length) {
              const count = Math.min(step.length, model.length - at)
              content.delete(at, count)
              model = model.filter((_, index) => index < at || index >= at + count)
            }
          }
          const text = new BodyPositions(doc).resolve(thread)?.text ?? ''
          const own = model
            .filter((entry) => entry.inside && !entry.typed)
            .map((entry) => entry.char)
            .join('')
          expect(text.replace(/[xy#]/g, '')).toBe(own)
          const typedInside = model.filter((entry) => entry.inside && entry.typed).length
          expect(text.replace(/[^xy#]/g, '').length).toBeGreaterThanOrEqual(typedInside)
        },
      ),
      { numRuns: 300 },
    )
  })
})
