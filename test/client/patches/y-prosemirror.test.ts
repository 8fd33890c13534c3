// The y-prosemirror patch (client/patches/y-prosemirror.ts) replaces the sync plugin's view. This
// test runs the patched and the stock plugin with a headless view (no browser): it fails if a new
// version of y-prosemirror no longer builds its view that way, or stops writing to Yjs after a
// transaction that changed only the selection (then the patch can go).

import { readFileSync } from 'node:fs'
import { EditorState, type PluginView, TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { describe, expect, it } from 'vitest'
import { initProseMirrorDoc, ySyncPlugin } from 'y-prosemirror'
import * as Y from 'yjs'
import { patchedYProsemirrorVersion, syncPlugin } from '../../../client/patches/y-prosemirror.ts'
import { schema } from '../../../schema/prosemirror-schema.ts'

/** A section body with one paragraph, as the server sends it. */
function fragmentWithText(text: string): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('es/mandate')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  fragment.insert(0, [paragraph])
  return { doc, fragment }
}

/** The plugin's view on a view with no DOM: what the sync plugin needs of it is its state. */
function headless(patched: boolean) {
  const { doc, fragment } = fragmentWithText('Mandato')
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema)
  const plugin = patched ? syncPlugin(fragment, mapping) : ySyncPlugin(fragment, { mapping })
  const view = {
    state: EditorState.create({ schema, doc: pmDoc, plugins: [plugin] }),
    dispatch: () => {},
    hasFocus: () => false,
  }
  const pluginView = (plugin.spec.view as (view: EditorView) => PluginView)(view as unknown as EditorView)
  let yTransactions = 0
  doc.on('afterTransaction', () => yTransactions++)
  const apply = (change: (state: EditorState) => EditorState['tr']) => {
    const previous = view.state
    view.state = previous.apply(change(previous))
    pluginView.update?.(view as unknown as EditorView, previous)
  }
  return { fragment, apply, yTransactions: () => yTransactions, destroy: () => pluginView.destroy?.() }
}

describe('the y-prosemirror patch', () => {
  it('is for the exact version installed (package.json pins it)', () => {
    const json = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'))
    const installed = json('../../../node_modules/y-prosemirror/package.json').version
    const pinned = json('../../../package.json').dependencies['y-prosemirror']
    expect({ installed, pinned }).toEqual({ installed: patchedYProsemirrorVersion, pinned: patchedYProsemirrorVersion })
  })

  it('skips the write to Yjs after a selection-only transaction, which the stock view makes', () => {
    const select = (state: EditorState) => state.tr.setSelection(TextSelection.create(state.doc, 3))
    const stock = headless(false)
    const patched = headless(true)
    stock.apply(select)
    patched.apply(select)
    expect({ stock: stock.yTransactions(), patched: patched.yTransactions() }).toEqual({ stock: 1, patched: 0 })
    stock.destroy()
    patched.destroy()
  })

  it('still writes a change of the document to Yjs', () => {
    const patched = headless(true)
    patched.apply((state) => state.tr.insertText(' de la CIDH', state.doc.content.size - 1))
    expect(patched.fragment.toString()).toBe('<paragraph>Mandato de la CIDH</paragraph>')
    expect(patched.yTransactions()).toBe(1)
    patched.destroy()
  })
})
