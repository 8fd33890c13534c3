// The one change cotejo makes to y-prosemirror: its sync plugin's view writes to Yjs only when
// the document changed. It replaces the plugin spec's `view`, which the package does not offer
// as an option, so y-prosemirror is pinned to an exact version in package.json, and
// `test/client/patches/y-prosemirror.test.ts` fails if a new version changes what it relies on.
// No upstream issue asks for this; the behaviour is sync-plugin.js's `view.update`, which calls
// `_prosemirrorChanged` after every transaction (1.3.7).

import type { Plugin, PluginView } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { type initProseMirrorDoc, ySyncPlugin } from 'y-prosemirror'
import type * as Y from 'yjs'

/** The y-prosemirror version this patch was written and tested against (pinned in package.json). */
export const patchedYProsemirrorVersion = '1.3.7'

/** y-prosemirror's map from each Yjs type of a fragment to the ProseMirror node(s) it holds. */
export type YjsMapping = ReturnType<typeof initProseMirrorDoc>['mapping']

/**
 * y-prosemirror's sync plugin, started from a document already built from the fragment, and
 * writing to Yjs only when the document changed.
 *
 * Given the `mapping` of that document, y-prosemirror does not re-render it at creation (its
 * `_forceRerender` would build the nodes a second time and replace the whole document, and
 * Chromium lays out the whole page when ProseMirror then reads the DOM selection: once per
 * editor, 32 times on the annual report). And its view `update` compares the whole document
 * with the Yjs fragment, inside a Yjs transaction that every editor on the page hears, after
 * every transaction, including the cursor-only ones each awareness change dispatches to every
 * editor; when the document did not change there is nothing to write, so that call is skipped.
 */
export function syncPlugin(fragment: Y.XmlFragment, mapping: YjsMapping): Plugin {
  const plugin = ySyncPlugin(fragment, { mapping }) as Plugin
  const spec = plugin.spec as { view: (view: EditorView) => PluginView }
  const makeView = spec.view
  spec.view = (view) => {
    const inner = makeView(view)
    return {
      update: (view, previous) => {
        if (view.state.doc !== previous.doc) inner.update?.(view, previous)
      },
      destroy: () => inner.destroy?.(),
    }
  }
  return plugin
}
