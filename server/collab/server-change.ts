// A change the server makes on its own behalf (restore, publish, a next year's report …).

import * as Y from 'yjs'

/**
 * The update that `change` makes when it runs on a copy of `live`, or undefined when it changed
 * nothing. The live document is not touched: the update goes through the pipeline like a client's.
 */
export function serverChangeUpdate(live: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array | undefined {
  const copy = new Y.Doc({ gc: true })
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
    const before = Y.encodeStateVector(copy)
    let touched = false
    copy.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) touched = true
    })
    change(copy)
    return touched ? Y.encodeStateAsUpdate(copy, before) : undefined
  } finally {
    copy.destroy()
  }
}
