import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { closeTooMany, isFinalClose } from '../../schema/close-codes.ts'
import { parseRoute } from '../app/router.ts'

/** y-websocket's message type of sync messages, and sync step 1 inside them (y-protocols). */
const messageSync = 0
/** y-websocket's message type of awareness messages. */
const messageAwareness = 1
const syncStep1 = 0

/**
 * Longest wait between reconnection attempts: short, so a person who comes back online sees
 * "online" within a couple of seconds (y-websocket's default is 2.5 s, which we keep).
 */
const maxBackoffTime = 2500

/**
 * How long an early connection waits for its report page (`startEarlyConnection`). The page
 * takes it as soon as the session check answered, well within this; a connection nobody took
 * (the person was sent to the sign-in form, say) is closed.
 */
const earlyConnectionLifetimeMs = 10_000

/**
 * One report's Y.Doc and its WebsocketProvider, set up as every report page needs them: final
 * close codes, awareness limited to our own entries, and what the server sends applied quietly
 * (see `listenToUpdates`). `CollabController` adds the rest (state, IndexedDB copy, presence).
 */
export class ReportConnection {
  /** The report's Y.Doc. */
  readonly doc = new Y.Doc()
  /** The provider; not connected until `provider.connect()`. */
  readonly provider: WebsocketProvider
  /** The listeners of `listenToUpdates`. */
  private readonly _quietListeners = new Set<() => void>()
  /** True once the server's sync step 1 was answered: the server had been sent everything we had then. */
  serverStep1Answered = false
  /** Called after the answer to each sync step 1 of the server was sent. */
  onServerStep1: (() => void) | null = null
  /** The close that stopped the connection for good, or null. */
  stoppedBy: { code: number; reason: string } | null = null

  /** Set up the connection to `reportId` (not connected yet). */
  constructor(readonly reportId: string) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    this.provider = new WebsocketProvider(`${scheme}//${location.host}/collab`, encodeURIComponent(reportId), this.doc, {
      connect: false,
      disableBc: true,
      maxBackoffTime,
      // 44xx closes are final (session ended, forbidden change, no such report…), except 4429:
      // too many connections or messages is temporary, so wait (with the provider's back-off) and retry.
      shouldReconnect: (event: CloseEvent) => event.code === closeTooMany || !isFinalClose(event.code),
    })
    this.provider.on('closed', (event) => {
      this.stoppedBy = event
    })
    this._sendOnlyOwnAwareness()
    this._wrapSyncHandler()
  }

  /**
   * Call `listener` after every change of the document, except that what the server sends calls
   * it once per message instead of once per transaction: while a server message is applied, these
   * listeners are taken off (with the provider's own, which never sends back what came from the
   * server). Yjs encodes a transaction's changes again for its `update` listeners; for the whole
   * report on opening that is 35–70 ms. Answers the function that stops listening.
   */
  listenToUpdates(listener: () => void): () => void {
    this.doc.on('update', listener)
    this._quietListeners.add(listener)
    return () => {
      this.doc.off('update', listener)
      this._quietListeners.delete(listener)
    }
  }

  /** Close the provider and the document. */
  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }

  /**
   * The stock provider relays every awareness change it hears, other people's included (and their
   * removal when they time out). The server only accepts a connection's own entries (design.md:
   * no one may set or remove another person's cursor), so send our own entries only.
   */
  private _sendOnlyOwnAwareness(): void {
    const provider = this.provider
    const awareness = provider.awareness
    awareness.off('update', provider._awarenessUpdateHandler)
    provider._awarenessUpdateHandler = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
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

  /**
   * Wraps the provider's handler of sync messages from the server, for two things:
   *
   * - When the server's sync step 1 (its state vector) arrives, the provider answers at once with
   *   everything the server lacks; from then on the server has been sent all we have.
   * - What the server sends (its state, others' changes) is applied without the provider's
   *   `update` listener and those of `listenToUpdates`, which are called once after. Should a listener
   *   change the document in reaction (a transaction of ours inside the message), that change is
   *   sent once the listeners are back.
   */
  private _wrapSyncHandler(): void {
    const { doc, provider } = this
    const handlers = provider.messageHandlers
    const original = handlers[messageSync]!
    handlers[messageSync] = (encoder, decoder, prov, emitSynced, messageType) => {
      const peek = decoding.clone(decoder)
      if (decoding.readVarUint(peek) === syncStep1) {
        original(encoder, decoder, prov, emitSynced, messageType)
        // The reply is sent right after this handler returns, in the same task.
        queueMicrotask(() => {
          this.serverStep1Answered = true
          this.onServerStep1?.()
        })
        return
      }
      let ownChangesSince: Map<number, number> | null = null
      const noteOwnChanges = (transaction: Y.Transaction): void => {
        const changed = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0
        if (transaction.origin !== provider && changed) ownChangesSince ??= transaction.beforeState
      }
      const quiet = [provider._updateHandler, ...this._quietListeners]
      for (const listener of quiet) doc.off('update', listener)
      doc.on('afterTransaction', noteOwnChanges)
      try {
        original(encoder, decoder, prov, emitSynced, messageType)
      } finally {
        doc.off('afterTransaction', noteOwnChanges)
        for (const listener of quiet) doc.on('update', listener)
      }
      if (ownChangesSince) provider._updateHandler(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(ownChangesSince)), null)
      for (const listener of this._quietListeners) listener()
    }
  }
}

/** The connection opened before the application was loaded, until its report page takes it. */
let early: ReportConnection | null = null

/**
 * On a report's page, connect to it at once, before the application (ProseMirror, Lit, the
 * pages) has loaded: the session cookie is all the server needs, and the report's state then
 * arrives and is decoded while the rest of the application is still downloading and compiling.
 * The report page takes this connection (`takeEarlyConnection`) instead of opening its own.
 */
export function startEarlyConnection(pathname: string): void {
  const route = parseRoute(pathname)
  if (route.page !== 'report' || !navigator.onLine) return
  const connection = new ReportConnection(route.reportId)
  early = connection
  connection.provider.connect()
  setTimeout(() => {
    if (early !== connection) return
    early = null
    connection.destroy()
  }, earlyConnectionLifetimeMs)
}

/** The early connection to `reportId`, if there is one still usable; it is then the caller's. */
export function takeEarlyConnection(reportId: string): ReportConnection | null {
  const connection = early
  early = null
  if (!connection) return null
  if (connection.reportId === reportId && connection.stoppedBy === null) return connection
  connection.destroy()
  return null
}
