import { describe, expect, it } from 'vitest'
import { EditorState, TextSelection } from 'prosemirror-state'
import { splitBlock, joinBackward } from 'prosemirror-commands'
import { blockIdPlugin, blockIdRepairs, schema } from '../../schema/index.ts'

function ids(state: EditorState): Array<string | null> {
  const found: Array<string | null> = []
  state.doc.descendants((node) => {
    if (node.type.name === 'paragraph') found.push(node.attrs['id'] as string | null)
  })
  return found
}

function stateWith(texts: string[]): EditorState {
  const doc = schema.node(
    'doc',
    null,
    texts.map((text, i) => schema.node('paragraph', { id: `p${i}` }, text ? [schema.text(text)] : [])),
  )
  return EditorState.create({ doc, plugins: [blockIdPlugin()] })
}

describe('blockIdPlugin', () => {
  it('keeps the id before the cursor and gives the new block a fresh one when a block is split', () => {
    let state = stateWith(['uno dos'])
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 4)))
    splitBlock(state, (tr) => (state = state.apply(tr)))
    const after = ids(state)
    expect(after).toHaveLength(2)
    expect(after[0]).toBe('p0')
    expect(after[1]).toMatch(/^b[a-z0-9]{9}$/)
  })

  it('keeps ids unique after a join and after pasting a copy of an existing block', () => {
    let state = stateWith(['uno', 'dos'])
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 6)))
    joinBackward(state, (tr) => (state = state.apply(tr)))
    expect(ids(state)).toEqual(['p0'])
    const copy = schema.node('paragraph', { id: 'p0' }, [schema.text('copia')])
    state = state.apply(state.tr.insert(state.doc.content.size, copy))
    const after = ids(state)
    expect(after[0]).toBe('p0')
    expect(new Set(after).size).toBe(after.length)
  })

  it('assigns ids to blocks that have none', () => {
    const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('x')])])
    expect(blockIdRepairs(doc)).toHaveLength(1)
  })
})
