// The two changes cotejo makes to y-websocket's WebsocketProvider. Both reach into members the
// package does not document (`_awarenessUpdateHandler`, `_updateHandler`, `messageHandlers`), so
// y-websocket is pinned to an exact version in package.json, and
// `test/client/patches/y-websocket.test.ts` fails if a new version changes what they rely on.

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** The y-websocket version these patches were written and tested against (pinned in package.json). */
export const patchedYWebsocketVersion = '3.1.0'

/** y-websocket's message type of sync messages, and sync step 1 inside them (y-protocols). */
const messageSync = 0
/** y-websocket's message type of awareness messages. */
const messageAwareness = 1
const syncStep1 = 0

/**
 * The stock provider relays every awareness change it hears, other people's included (and their
 * removal when they time out on this client): yjs/y-websocket#126 ("controlled ids") describes how
 * that lets one client remove another's presence. The server only accepts a connection's own
 * entries (design.md: no one may set or remove another person's cursor) and closes a connection
 * that sends others' (4403), so the provider's handler is replaced by one that sends our own
 * entries only. The provider has no option for this.
 */
export function sendOnlyOwnAwareness(provider: WebsocketProvider): void {
  const awareness = provider.awareness
  awareness.off('update', provider._awarenessUpdateHandler)
  provider._awarenessUpdateHandler = ({
    added,
    updated,
    removed,
  }: {
    added: number[]
    updated: number[]
    removed: number[]
  }) => {
    const own = [...added, ...updated, ...removed].filter((clientId) => clientId === awareness.clientID)
    const ws = provider.ws
    if (own.length === 0 || !provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, own))
    ws.send(encoding.toUint8Array(encoder))
  }
  awareness.on('update', provider._awarenessUpdateHandler)
}

/** What {@link quietServerMessages} tells its caller and whom it quiets. */
export interface QuietServerMessages {
  /** `update` listeners taken off while a server message is applied, and called once after it. */
  readonly quietListeners: ReadonlySet<() => void>
  /** Called once the answer to a sync step 1 of the server was sent: the server had all we had then. */
  readonly serverStep1Answered: () => void
}

/**
 * Wraps the provider's handler of sync messages from the server, for two things:
 *
 * - When the server's sync step 1 (its state vector) arrives, the provider answers at once with
 *   everything the server lacks; from then on the server has been sent all we have.
 * - What the server sends (its state, others' changes) is applied without the provider's
 *   `update` listener and the `quietListeners`, which are called once after. Yjs encodes a
 *   transaction's changes again for each `update` listener: for the whole report on opening that
 *   is 35–70 ms. Should a listener change the document in reaction (a transaction of ours inside
 *   the message), that change is sent once the listeners are back.
 *
 * The provider's `messageHandlers` is the one place a message type is handled (y-websocket has no
 * hook around it).
 */
export function quietServerMessages(provider: WebsocketProvider, hooks: QuietServerMessages): void {
  const doc = provider.doc
  const handlers = provider.messageHandlers
  const original = handlers[messageSync]!
  handlers[messageSync] = (encoder, decoder, prov, emitSynced, messageType) => {
    const peek = decoding.clone(decoder)
    if (decoding.readVarUint(peek) === syncStep1) {
      original(encoder, decoder, prov, emitSynced, messageType)
      // The reply is sent right after this handler returns, in the same task.
      queueMicrotask(hooks.serverStep1Answered)
      return
    }
    let ownChangesSince: Map<number, number> | null = null
    const noteOwnChanges = (transaction: Y.Transaction): void => {
      const changed = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0
      if (transaction.origin !== provider && changed) ownChangesSince ??= transaction.beforeState
    }
    const quiet = [provider._updateHandler, ...hooks.quietListeners]
    for (const listener of quiet) doc.off('update', listener)
    doc.on('afterTransaction', noteOwnChanges)
    try {
      original(encoder, decoder, prov, emitSynced, messageType)
    } finally {
      doc.off('afterTransaction', noteOwnChanges)
      for (const listener of quiet) doc.on('update', listener)
    }
    if (ownChangesSince) provider._updateHandler(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(ownChangesSince)), null)
    for (const listener of hooks.quietListeners) listener()
  }
}
