// Writing a ProseMirror body into its Y.XmlFragment as the smallest change, and making sure it
// took: y-prosemirror's updateYFragment keeps the Yjs items of unchanged blocks (concurrent edits
// and remote cursors survive), but on bodies a crafted update bent out of shape it has been seen
// to leave blocks it should have deleted (guard property test, seed 105276265: a table cell whose
// `column` attribute a format struct had replaced kept a paragraph that repairBody had moved, so
// its block id appeared twice). What it wrote is read back; when it is not `body`, the fragment is
// rewritten whole, which is always right, at the cost of those items.

import type { Node } from 'prosemirror-model'
import { prosemirrorToYXmlFragment, updateYFragment } from 'y-prosemirror'
import type * as Y from 'yjs'
import { readBody } from './body-reading.ts'

/** Makes `fragment` hold `body`. Call inside a transaction. */
export function writeBody(doc: Y.Doc, fragment: Y.XmlFragment, body: Node): void {
  updateYFragment(doc, fragment, body, { mapping: new Map(), isOMark: new Map() })
  const written = readBody(fragment)
  if (written.problems.length === 0 && written.node?.eq(body) === true) return
  if (fragment.length > 0) fragment.delete(0, fragment.length)
  prosemirrorToYXmlFragment(body, fragment)
}
