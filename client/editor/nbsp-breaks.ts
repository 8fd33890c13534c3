// Lets lines break after non-breaking spaces, on screen only (the text keeps them).
//
// The imported originals join whole phrases with U+00A0 ("IOM\u00a0in\u00a0Nicaragua\u00a0and
// Honduras\u00a0officials…": 305 of them in the English annual report), an artefact of the Word
// export, not a wish to keep words together. In a table column such a phrase is one unbreakable
// run: the browser either breaks a word inside it or widens the column to the whole phrase. A
// `<wbr>` after each one gives the line a place to break between the words again.

import type { Node } from 'prosemirror-model'
import { Plugin, PluginKey } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'

const key = new PluginKey<DecorationSet>('nbsp-breaks')
const nbsp = '\u00a0'

function wordBreak(): HTMLElement {
  return document.createElement('wbr')
}

/** A break opportunity after every non-breaking space whose next position is within `from`–`to`. */
function breaksIn(doc: Node, from: number, to: number): Decoration[] {
  const found: Decoration[] = []
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true
    const text = node.text ?? ''
    for (let i = text.indexOf(nbsp); i !== -1; i = text.indexOf(nbsp, i + 1)) {
      const at = pos + i + 1
      // The key makes equal widgets compare equal, so redrawing a paragraph keeps its <wbr>s.
      if (at >= from && at <= to) found.push(Decoration.widget(at, wordBreak, { key: 'wbr', side: -1 }))
    }
    return false
  })
  return found
}

/** The plugin: found once in the whole body, then again only where a transaction changed it. */
export function nbspBreaks(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_, state) => DecorationSet.create(state.doc, breaksIn(state.doc, 0, state.doc.content.size)),
      apply(tr, set) {
        if (!tr.docChanged) return set
        let next = set.map(tr.mapping, tr.doc)
        tr.mapping.maps.forEach((map, index) => {
          const later = tr.mapping.slice(index + 1)
          map.forEach((_oldFrom, _oldTo, newFrom, newTo) => {
            const from = later.map(newFrom, -1)
            const to = Math.min(later.map(newTo, 1), tr.doc.content.size)
            next = next.remove(next.find(from, to)).add(tr.doc, breaksIn(tr.doc, from, to))
          })
        })
        return next
      },
    },
    props: { decorations: (state) => key.getState(state) },
  })
}
