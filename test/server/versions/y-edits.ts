// Editing a client's Y.Doc the way an editor would: find a block by id, type into its text.

import * as Y from 'yjs'

function findBlock(node: Y.XmlFragment | Y.XmlElement, id: string): Y.XmlElement | undefined {
  for (const child of node.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (child.getAttribute('id') === id && (child.nodeName === 'paragraph' || child.nodeName === 'heading'))
      return child
    const found = findBlock(child, id)
    if (found) return found
  }
  return undefined
}

/** The text of block `id` (a paragraph or heading) in fragment `name` of `doc`; creates it when the block is empty. */
export function blockText(doc: Y.Doc, name: string, id: string): Y.XmlText {
  const block = findBlock(doc.getXmlFragment(name), id)
  if (block === undefined) throw new Error(`no block ${id} in ${name}`)
  const first = block.get(0)
  if (first instanceof Y.XmlText) return first
  const text = new Y.XmlText()
  block.insert(0, [text])
  return text
}

/** Replaces the whole text of block `id` in fragment `name`. */
export function setBlockText(doc: Y.Doc, name: string, id: string, value: string): void {
  doc.transact(() => {
    const text = blockText(doc, name, id)
    text.delete(0, text.length)
    text.insert(0, value)
  })
}
