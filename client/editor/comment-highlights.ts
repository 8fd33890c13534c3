// Marks the text that open comment threads are anchored to, in the editor of that body. The
// anchors are Yjs relative positions (`schema/comments.ts`), resolved with y-prosemirror's
// mapping of this editor, so they follow every edit; a thread's change (new, resolved) arrives in
// the Y.Doc's `comments` root and redraws the marks.

import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror'
import * as Y from 'yjs'
import { storedThreads } from '../../schema/comments.ts'
import { commentsKey, parseFragmentName } from '../../schema/ydoc.ts'

const key = new PluginKey<DecorationSet>('comment-highlights')

const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

/** The root name of `fragment` (`es/iom`). */
function rootName(fragment: Y.XmlFragment): string | undefined {
  for (const [name, type] of fragment.doc?.share ?? []) if ((type as unknown) === fragment) return name
  return undefined
}

function highlights(fragment: Y.XmlFragment, state: EditorState): DecorationSet {
  const doc = fragment.doc
  const body = parseFragmentName(rootName(fragment) ?? '')
  const binding = (ySyncPluginKey.getState(state) as { binding?: { mapping: Map<unknown, unknown> } } | undefined)
    ?.binding
  if (doc === null || body === undefined || binding === undefined) return DecorationSet.empty
  const decorations: Decoration[] = []
  for (const thread of storedThreads(doc)) {
    if (thread.resolved || thread.lang !== body.language || thread.section !== body.sectionId) continue
    try {
      const position = (text: string) =>
        relativePositionToAbsolutePosition(
          doc,
          fragment,
          Y.decodeRelativePosition(fromBase64(text)),
          binding.mapping as never,
        )
      const from = position(thread.from)
      const to = position(thread.to)
      if (from === null || to === null || to <= from || to > state.doc.content.size) continue
      decorations.push(Decoration.inline(from, to, { class: 'comment-anchor', 'data-thread': thread.id }))
    } catch {
      // An anchor this editor cannot place (its text not rendered yet) is left unmarked.
    }
  }
  return DecorationSet.create(state.doc, decorations)
}

/** The plugin: recomputes the marks when the body or the threads change. */
export function commentHighlights(fragment: Y.XmlFragment): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, set, _old, state) =>
        tr.docChanged || tr.getMeta(key) === 'threads' ? highlights(fragment, state) : set.map(tr.mapping, tr.doc),
    },
    props: { decorations: (state) => key.getState(state) },
    view: (view) => {
      const comments = fragment.doc?.getMap(commentsKey)
      const redraw = (): void => {
        // After the Yjs transaction: the editor may be in the middle of applying it.
        queueMicrotask(() => {
          if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, 'threads'))
        })
      }
      comments?.observe(redraw)
      // Most reports have no comments: opening 32 editors then costs no extra transaction.
      if (comments !== undefined && comments.size > 0) redraw()
      return { destroy: () => comments?.unobserve(redraw) }
    },
  })
}
