// Marks the text that open comment threads are anchored to, in the editor of that body, with a
// count in the margin of its block; and, in the other language's editor, the aligned block (the
// block with the same id) as "commented in the other language". The anchors are Yjs relative
// positions (`schema/comments.ts`), resolved with y-prosemirror's mapping of this editor, so they
// follow every edit; a thread's change (new, resolved) arrives in the Y.Doc's `comments` root and
// redraws the marks.

import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror'
import * as Y from 'yjs'
import type { Node } from 'prosemirror-model'
import { alignedNodeTypes } from '../../schema/block-ids.ts'
import { storedThreads } from '../../schema/comments.ts'
import { t } from '../i18n/locale.ts'
import { commentsKey, parseFragmentName } from '../../schema/ydoc.ts'

const key = new PluginKey<DecorationSet>('comment-highlights')

const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

/** The root name of `fragment` (`es/iom`). */
function rootName(fragment: Y.XmlFragment): string | undefined {
  for (const [name, type] of fragment.doc?.share ?? []) if ((type as unknown) === fragment) return name
  return undefined
}

/**
 * The ids of the aligned blocks around the anchor `relative` in its own body, innermost first
 * (a paragraph in a cell, then its row): read from the Y.Doc, so the other language's editor can
 * find its block without that body's editor.
 */
function anchorBlockIds(doc: Y.Doc, relative: string): string[] {
  const absolute = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(relative)), doc)
  const ids: string[] = []
  for (let type: Y.AbstractType<unknown> | null = absolute?.type ?? null; type !== null; type = type.parent) {
    if (!(type instanceof Y.XmlElement) || !alignedNodeTypes.has(type.nodeName)) continue
    const id = type.getAttribute('id')
    if (typeof id === 'string' && id !== '') ids.push(id)
  }
  return ids
}

/** The innermost aligned block around `pos`: its position, or undefined. */
function blockStart(doc: Node, pos: number): number | undefined {
  const $pos = doc.resolve(pos)
  for (let depth = $pos.depth; depth > 0; depth--)
    if (alignedNodeTypes.has($pos.node(depth).type.name)) return $pos.before(depth)
  return undefined
}

/** The margin count of a block's comments (a widget: not text, not read out twice). */
function marginMark(count: number): HTMLElement {
  const mark = document.createElement('span')
  mark.className = 'comment-margin-mark'
  mark.contentEditable = 'false'
  mark.setAttribute('aria-hidden', 'true')
  mark.title = t('commentsOnBlock', { count: String(count) })
  mark.textContent = String(count)
  return mark
}

function highlights(fragment: Y.XmlFragment, state: EditorState): DecorationSet {
  const doc = fragment.doc
  const body = parseFragmentName(rootName(fragment) ?? '')
  const binding = (ySyncPluginKey.getState(state) as { binding?: { mapping: Map<unknown, unknown> } } | undefined)
    ?.binding
  if (doc === null || body === undefined || binding === undefined) return DecorationSet.empty
  const decorations: Decoration[] = []
  const perBlock = new Map<number, number>()
  const elsewhere: string[][] = []
  for (const thread of storedThreads(doc)) {
    if (thread.resolved || thread.section !== body.sectionId) continue
    try {
      if (thread.lang !== body.language) {
        elsewhere.push(anchorBlockIds(doc, thread.from))
        continue
      }
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
      const start = blockStart(state.doc, from)
      if (start !== undefined) perBlock.set(start, (perBlock.get(start) ?? 0) + 1)
    } catch {
      // An anchor this editor cannot place (its text not rendered yet) is left unmarked.
    }
  }
  for (const [start, count] of perBlock)
    decorations.push(Decoration.widget(start + 1, () => marginMark(count), { side: -1, key: `margin-${count}` }))
  if (elsewhere.length > 0) {
    // The aligned block here: the innermost of the anchor's blocks that this body also has.
    const positions = new Map<string, { pos: number; node: Node }>()
    state.doc.descendants((node, pos) => {
      const id = node.attrs['id']
      if (typeof id === 'string' && alignedNodeTypes.has(node.type.name)) positions.set(id, { pos, node })
    })
    const counts = new Map<number, { node: Node; count: number }>()
    for (const ids of elsewhere) {
      const found = ids.map((id) => positions.get(id)).find((block) => block !== undefined)
      if (found) counts.set(found.pos, { node: found.node, count: (counts.get(found.pos)?.count ?? 0) + 1 })
    }
    for (const [pos, { node, count }] of counts)
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, {
          class: 'comment-elsewhere',
          title: t('commentsInOtherLanguage', { count: String(count) }),
        }),
      )
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
