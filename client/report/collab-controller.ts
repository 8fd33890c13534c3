import type { ReactiveController, ReactiveControllerHost } from 'lit'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { User } from '../app/api.ts'
import type { PresenceUser } from '../editor/section-editor.ts'
import { LocalCopy } from './local-copy.ts'
import { colorFor } from './presence.ts'

/** Where the connection to the collaboration server stands. */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'reconnecting' | 'storage-down' | 'throttled' | 'stopped'

/** The server's close code when it could not store an update (`server/collab/close-codes.ts`): it stops acknowledging until storage is back. */
const closeStorageFailed = 1011

/** y-websocket's message type of sync messages, and sync step 1 inside them (y-protocols). */
const messageSync = 0
/** y-websocket's message type of awareness messages. */
const messageAwareness = 1
const syncStep1 = 0

/**
 * How long the page waits for the server before it shows this browser's copy instead (a slow
 * server; an unreachable one closes the connection sooner, and that opens the copy at once).
 */
const localCopyFallbackMs = 1500

/**
 * Longest wait between reconnection attempts: short, so a person who comes back online sees
 * "online" within a couple of seconds (y-websocket's default is 2.5 s, which we keep).
 */
const maxBackoffTime = 2500
/** The server's close code for too many connections or messages (`server/collab/close-codes.ts`): temporary. */
const closeTooMany = 4429

/** True when `local` has anything `sent` lacks (a client clock ahead). */
function isAhead(local: Map<number, number>, sent: Map<number, number>): boolean {
  for (const [client, clock] of local) if (clock > (sent.get(client) ?? 0)) return true
  return false
}

/**
 * Owns the collaboration resources of one report page: the Y.Doc, its IndexedDB copy (offline
 * edits survive a closed tab and merge on reconnect) and the WebsocketProvider with its
 * awareness. Tracks the connection state and whether local changes are still unsent, follows
 * the browser's online/offline events, and stops for good on close codes 4401/4403/4404.
 */
export class CollabController implements ReactiveController {
  /** The report's Y.Doc (null until `open`). */
  doc: Y.Doc | null = null
  /** The provider (null until `open`). */
  provider: WebsocketProvider | null = null
  /** The connection state now. */
  state: ConnectionState = 'connecting'
  /** True while this browser holds changes the server has not been sent. */
  unsent = false
  /** True once the document can be shown: synced with the server, or loaded from IndexedDB. */
  ready = false
  /** The close code that stopped the connection (4401, 4403, 4404, …), or null. */
  stopCode: number | null = null
  /** The server's reason for stopping, as it gave it in the close frame. */
  stopReason = ''

  private _cleanups: Array<() => void> = []
  private _sent = new Map<number, number>()
  private _everConnected = false
  /** Close code of the last connection the server closed, until the next sync (says why we are reconnecting). */
  private _lastCloseCode: number | null = null
  private _local: PresenceUser | null = null

  /** Attach to `host`; `onStop` hears the close code that ended the connection for good. */
  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _onStop: (code: number) => void,
  ) {
    _host.addController(this)
  }

  /** Close everything when the page goes away. */
  hostDisconnected(): void {
    this.close()
  }

  /** Open the collaboration on `reportId` for `user` (closing any previous one). */
  open(reportId: string, user: User): void {
    this.close()
    const doc = new Y.Doc()
    this.doc = doc
    this.state = 'connecting'
    this.ready = false
    this.unsent = false
    this.stopCode = null
    this.stopReason = ''
    this._sent = new Map()
    this._everConnected = false
    this._lastCloseCode = null
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const provider = new WebsocketProvider(`${scheme}//${location.host}/collab`, encodeURIComponent(reportId), doc, {
      connect: false,
      disableBc: true,
      maxBackoffTime,
      // 44xx closes are final (session ended, forbidden change, no such report…), except 4429:
      // too many connections or messages is temporary, so wait (with the provider's back-off) and retry.
      shouldReconnect: (event: CloseEvent) => event.code === closeTooMany || event.code < 4400 || event.code > 4499,
    })
    this.provider = provider
    this._local = { name: user.username, color: colorFor(user.username), ...(user.role === 'agency' && user.actors[0] ? { actor: user.actors[0] } : {}) }
    provider.awareness.setLocalStateField('user', this._local)
    this._sendOnlyOwnAwareness(provider)

    const onUpdate = (): void => {
      if (this._canSend()) this._sent = Y.decodeStateVector(Y.encodeStateVector(doc))
      this._refreshUnsent()
    }
    this._wrapSyncHandler(provider, doc, onUpdate)

    // This browser's copy (IndexedDB), keyed per user as well: another person signing in on this
    // browser must not send edits made (and kept offline) by someone else. Opened once the
    // server's state is shown, or at once when there is no server to show: y-indexeddb writes the
    // whole document when it opens, and that work has no business before the first paint.
    let localCopy: LocalCopy | null = null
    const openLocalCopy = (): void => {
      if (localCopy || this.doc !== doc) return
      localCopy = new LocalCopy(`cotejo:${user.username}:${reportId}`, doc)
      void localCopy.whenLoaded.then(() => {
        if (this.doc !== doc) return
        // Show what this browser kept at once when it holds a report; the server's state follows.
        if (doc.getArray('sections').length > 0) this.ready = true
        this._refreshUnsent()
        this._host.requestUpdate()
      })
    }
    const openLocalCopyWhenIdle = (): void => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(openLocalCopy, { timeout: 500 })
      else setTimeout(openLocalCopy, 50)
    }
    const localCopyFallback = setTimeout(openLocalCopy, localCopyFallbackMs)
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
      if (status === 'connected') this._everConnected = true
      if (this.state === 'stopped') return
      if (status === 'connected') this.state = provider.synced ? 'online' : 'connecting'
      else if (!navigator.onLine) this.state = 'offline'
      // Say why: the server cannot store (edits stay here and go when it can), or asked us to slow down.
      else if (this._lastCloseCode === closeStorageFailed) this.state = 'storage-down'
      else if (this._lastCloseCode === closeTooMany) this.state = 'throttled'
      else this.state = this._everConnected ? 'reconnecting' : 'connecting'
      this._host.requestUpdate()
    }
    const onConnectionClose = (event: CloseEvent | null): void => {
      if (event) this._lastCloseCode = event.code
      // No server to show: show this browser's copy.
      openLocalCopy()
    }
    const onSync = (synced: boolean): void => {
      if (synced && this.state !== 'stopped') this.state = 'online'
      if (synced) {
        this.ready = true
        this._lastCloseCode = null
        openLocalCopyWhenIdle()
      }
      this._refreshUnsent()
    }
    const onClosed = ({ code, reason }: { code: number; reason: string }): void => {
      this.state = 'stopped'
      this.stopCode = code
      this.stopReason = reason
      console.warn(`Collaboration stopped by the server: ${code} ${reason}`)
      this._host.requestUpdate()
      this._onStop(code)
    }
    const onOffline = (): void => {
      // An open WebSocket does not notice the network going away; stop it so the state is honest
      // and edits queue in IndexedDB instead of a dead socket.
      if (this.state === 'stopped') return
      provider.disconnect()
      this.state = 'offline'
      this._host.requestUpdate()
    }
    const onOnline = (): void => {
      if (this.state === 'stopped') return
      this.state = 'reconnecting'
      provider.connect()
      this._host.requestUpdate()
    }
    doc.on('update', onUpdate)
    provider.on('connection-close', onConnectionClose)
    provider.on('status', onStatus)
    provider.on('sync', onSync)
    provider.on('closed', onClosed)
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
    this._cleanups.push(() => {
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
      provider.off('connection-close', onConnectionClose)
      provider.off('status', onStatus)
      provider.off('sync', onSync)
      provider.off('closed', onClosed)
      doc.off('update', onUpdate)
      clearTimeout(localCopyFallback)
      provider.destroy()
      localCopy?.destroy()
      doc.destroy()
    })

    // Connect at once, without waiting for this browser's copy: Yjs merges the copy whenever it
    // arrives (its unsent edits then go out as an update).
    if (navigator.onLine) provider.connect()
    else {
      this.state = 'offline'
      openLocalCopy()
    }
  }

  /** Close the provider, IndexedDB and the document. */
  close(): void {
    for (const cleanup of this._cleanups.splice(0)) cleanup()
    this.doc = null
    this.provider = null
  }

  /** Publish the section the user is in now (awareness `user.section`). */
  setSection(sectionId: string | null): void {
    if (!this.provider || !this._local) return
    const { section: _previous, ...rest } = this._local
    this._local = sectionId === null ? rest : { ...rest, section: sectionId }
    this.provider.awareness.setLocalStateField('user', this._local)
  }

  private _canSend(): boolean {
    const ws = this.provider?.ws
    return this.provider !== null && this.provider.wsconnected && ws !== null && ws !== undefined && ws.readyState === WebSocket.OPEN
  }

  private _refreshUnsent(): void {
    const doc = this.doc
    if (!doc) return
    const unsent = isAhead(Y.decodeStateVector(Y.encodeStateVector(doc)), this._sent)
    if (unsent !== this.unsent) this.unsent = unsent
    this._host.requestUpdate()
  }

  /**
   * The stock provider relays every awareness change it hears, other people's included (and their
   * removal when they time out). The server only accepts a connection's own entries (design.md:
   * no one may set or remove another person's cursor), so send our own entries only.
   */
  private _sendOnlyOwnAwareness(provider: WebsocketProvider): void {
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
   * - What the server sends (its state, others' changes) is applied without the provider's and
   *   this controller's `update` listeners: the provider never sends back what came from the
   *   server, and "unsent" is refreshed once after. Yjs encodes a transaction's changes again for
   *   its `update` listeners; for the whole report on opening that is 35–70 ms, and until this
   *   browser's copy opens nobody needs it (the copy listens once open, and stores them). Should a
   *   listener change the document in reaction (a transaction of ours inside the message), that
   *   change is sent once the listeners are back.
   */
  private _wrapSyncHandler(provider: WebsocketProvider, doc: Y.Doc, onUpdate: () => void): void {
    const handlers = provider.messageHandlers
    const original = handlers[messageSync]!
    handlers[messageSync] = (encoder, decoder, prov, emitSynced, messageType) => {
      const peek = decoding.clone(decoder)
      if (decoding.readVarUint(peek) === syncStep1) {
        original(encoder, decoder, prov, emitSynced, messageType)
        // The reply is sent right after this handler returns, in the same task.
        queueMicrotask(() => {
          if (this.doc !== doc) return
          this._sent = Y.decodeStateVector(Y.encodeStateVector(doc))
          this._refreshUnsent()
        })
        return
      }
      let ownChangesSince: Map<number, number> | null = null
      const noteOwnChanges = (transaction: Y.Transaction): void => {
        const changed = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0
        if (transaction.origin !== provider && changed) ownChangesSince ??= transaction.beforeState
      }
      doc.off('update', provider._updateHandler)
      doc.off('update', onUpdate)
      doc.on('afterTransaction', noteOwnChanges)
      try {
        original(encoder, decoder, prov, emitSynced, messageType)
      } finally {
        doc.off('afterTransaction', noteOwnChanges)
        doc.on('update', provider._updateHandler)
        doc.on('update', onUpdate)
      }
      if (ownChangesSince) provider._updateHandler(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(ownChangesSince)), null)
      onUpdate()
    }
  }
}
