import { baseKeymap, toggleMark } from 'prosemirror-commands'
import { keymap } from 'prosemirror-keymap'
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list'
import { Plugin, TextSelection, type Command } from 'prosemirror-state'
import { redoCommand as yRedo, undoCommand as yUndo, yCursorPlugin, ySyncPluginKey, yUndoPlugin } from 'y-prosemirror'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { blockIdPlugin } from '../../schema/block-ids.ts'
import { schema } from '../../schema/prosemirror-schema.ts'
import { syncPlugin, type YjsMapping } from '../patches/y-prosemirror.ts'
import { commentHighlights } from './comment-highlights.ts'
import { nbspBreaks } from './nbsp-breaks.ts'
import { tableKeyboardScroll } from './table-keyboard-scroll.ts'
import { clearPastedBlockIds } from './paste.ts'
import { addRowAfter, moveRow, removeRow } from './table-commands.ts'

export type { YjsMapping } from '../patches/y-prosemirror.ts'

/** What the editor plugins need from their host. */
export interface EditorPluginOptions {
  /** The Yjs fragment of this section and language. */
  readonly fragment: Y.XmlFragment
  /**
   * The Yjs type → ProseMirror node mapping of the state's initial document, from
   * y-prosemirror's `initProseMirrorDoc(fragment, schema)`. The state must start with that
   * document: y-prosemirror then skips its initial re-render (see `syncPlugin`).
   */
  readonly mapping: YjsMapping
  /** The report page's awareness (shared by every editor on the page). */
  readonly awareness: Awareness
  /** Whether the user may change this section now; checked on every transaction. */
  readonly canEdit: () => boolean
  /** Builds the element of a remote cursor. */
  readonly cursorBuilder: (user: { name: string; color: string }, clientId: number) => HTMLElement
  /** Asks the user for a link address (Mod-k). */
  readonly requestLink: Command
}

/** Undo through y-prosemirror's undo manager: only this user's own changes. */
export const undoCommand: Command = (state, dispatch) => yUndo(state, dispatch)
/** Redo through y-prosemirror's undo manager. */
export const redoCommand: Command = (state, dispatch) => yRedo(state, dispatch)
/** Toggle bold. */
export const toggleBold: Command = toggleMark(schema.marks['strong']!)
/** Toggle italic. */
export const toggleItalic: Command = toggleMark(schema.marks['em']!)
/** Wrap the selection in a bullet list. */
export const bulletList: Command = wrapInList(schema.nodes['bullet_list']!)
/** Wrap the selection in a numbered list. */
export const orderedList: Command = wrapInList(schema.nodes['ordered_list']!)

/**
 * A guard that refuses every local document change while the user may not edit (remote changes,
 * which carry y-prosemirror's meta, always pass): the client never produces an update the server
 * would refuse, even through a paste or drop that slipped past `editable`.
 */
function permissionGuard(canEdit: () => boolean): Plugin {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged || canEdit() || tr.getMeta(ySyncPluginKey) !== undefined,
  })
}

/** Keys without a modifier that the keymaps act on (joining, splitting, deleting blocks, table moves). */
const keymapKeys = new Set(['Backspace', 'Delete', 'Enter', 'Tab'])

/**
 * Makes a shortcut act on the selection the user sees. The browser tells ProseMirror of a new
 * selection by a `selectionchange` event, which is a task of its own; Chromium runs key input
 * ahead of waiting tasks, so on a busy machine Shift+Home then Ctrl+B reached the bold command
 * while ProseMirror still held the collapsed selection from before, and nothing became bold
 * (`test/client/editing.test.ts` makes that order happen on purpose); a click at the end of a
 * line then Backspace lost the first presses the same way. So before a key with Ctrl, Cmd or
 * Alt, or one the keymaps take (Backspace, Delete, Enter, Tab), reaches the keymaps, a text
 * selection still behind the page's is read from the page.
 */
function selectionBeforeShortcuts(): Plugin {
  return new Plugin({
    props: {
      handleKeyDown(view, event) {
        if (!(event.ctrlKey || event.metaKey || event.altKey || keymapKeys.has(event.key)) || view.composing)
          return false
        const { selection } = view.state
        const onScreen = (view.root as Document).getSelection()
        if (!(selection instanceof TextSelection) || !onScreen?.anchorNode || !onScreen.focusNode) return false
        if (!view.dom.contains(onScreen.anchorNode) || !view.dom.contains(onScreen.focusNode)) return false
        let anchor: number, head: number
        try {
          anchor = view.posAtDOM(onScreen.anchorNode, onScreen.anchorOffset)
          head = view.posAtDOM(onScreen.focusNode, onScreen.focusOffset)
        } catch {
          return false
        }
        if (anchor === selection.anchor && head === selection.head) return false
        const { doc } = view.state
        view.dispatch(view.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))))
        return false
      },
    },
  })
}

/** The plugins of a section editor, in the order y-prosemirror expects (sync, cursor, undo first). */
export function editorPlugins(options: EditorPluginOptions): Plugin[] {
  const listItem = schema.nodes['list_item']!
  return [
    syncPlugin(options.fragment, options.mapping),
    yCursorPlugin(options.awareness, { cursorBuilder: options.cursorBuilder }),
    yUndoPlugin(),
    permissionGuard(options.canEdit),
    // Only local changes assign block ids, so peers never race to rename the same block.
    blockIdPlugin({ shouldRepair: (tr) => !tr.getMeta(ySyncPluginKey) }),
    selectionBeforeShortcuts(),
    keymap({
      'Mod-z': undoCommand,
      'Mod-y': redoCommand,
      'Shift-Mod-z': redoCommand,
      'Mod-b': toggleBold,
      'Mod-i': toggleItalic,
      'Mod-k': options.requestLink,
      'Shift-Mod-8': bulletList,
      'Shift-Mod-9': orderedList,
      'Mod-Enter': addRowAfter,
      'Shift-Mod-Backspace': removeRow,
      'Alt-ArrowUp': moveRow(-1),
      'Alt-ArrowDown': moveRow(1),
      Enter: splitListItem(listItem),
      'Mod-]': sinkListItem(listItem),
      'Mod-[': liftListItem(listItem),
    }),
    keymap(baseKeymap),
    new Plugin({ props: { transformPasted: clearPastedBlockIds } }),
    commentHighlights(options.fragment),
    nbspBreaks(),
    tableKeyboardScroll(),
  ]
}
