// Lets people who use the keyboard scroll a table that is wider than its pane.
//
// A table's scroll container (`.report-table`) scrolls sideways when its columns need more than
// the pane. In an editable body the caret reaches every cell, and moving it scrolls the container:
// the container says so by being editable (`contenteditable="inherit"`, what it is anyway; it
// must not be made focusable there, or a click would focus it instead of the editor). In a
// read-only body nothing inside can take the focus, so the container itself becomes a tab stop.

import { Plugin } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'

function mark(view: EditorView): void {
  for (const container of view.dom.querySelectorAll<HTMLElement>('.report-table')) {
    if (view.editable) {
      if (container.hasAttribute('tabindex')) container.removeAttribute('tabindex')
      if (container.getAttribute('contenteditable') !== 'inherit') container.setAttribute('contenteditable', 'inherit')
    } else {
      if (container.hasAttribute('contenteditable')) container.removeAttribute('contenteditable')
      if (container.getAttribute('tabindex') !== '0') container.setAttribute('tabindex', '0')
    }
  }
}

/** The plugin: marks every table container after each update of the view (new tables, editability). */
export function tableKeyboardScroll(): Plugin {
  return new Plugin({
    view(view) {
      mark(view)
      return { update: mark }
    },
  })
}
