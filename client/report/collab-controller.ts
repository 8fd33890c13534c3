import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { closeStorageFailed, closeTooMany } from '../../schema/close-codes.ts'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { User } from '../app/api.ts'
import type { PresenceUser } from '../editor/section-editor.ts'
import { LocalCopy } from './local-copy.ts'
import { colorFor } from './presence.ts'
import { ReportConnection, takeEarlyConnection } from './report-connection.ts'

/** Where the connection to the collaboration server stands. */
export type ConnectionState =
  | 'connecting'
  | 'online'
  | 'offline'
  | 'reconnecting'
  | 'storage-down'
  | 'throttled'
  | 'stopped'

/**
 * How long the page waits for the server before it shows this browser's copy instead (a slow
 * server; an unreachable one closes the connection sooner, and that opens the copy at once).
 */
const localCopyFallbackMs = 1500

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
    // The connection made while the application loaded, when there is one (report-connection.ts).
    const connection = takeEarlyConnection(reportId) ?? new ReportConnection(reportId)
    const { doc, provider } = connection
    this.doc = doc
    this.provider = provider
    this.state = 'connecting'
    this.ready = false
    this.unsent = false
    this.stopCode = null
    this.stopReason = ''
    this._sent = new Map()
    this._everConnected = false
    this._lastCloseCode = null
    this._local = {
      name: user.username,
      color: colorFor(user.username),
      ...(user.role === 'agency' && user.actors[0] ? { actor: user.actors[0] } : {}),
    }
    provider.awareness.setLocalStateField('user', this._local)

    const onUpdate = (): void => {
      if (this._canSend()) this._sent = Y.decodeStateVector(Y.encodeStateVector(doc))
      this._refreshUnsent()
    }
    const onServerStep1 = (): void => {
      if (this.doc !== doc) return
      this._sent = Y.decodeStateVector(Y.encodeStateVector(doc))
      this._refreshUnsent()
    }
    connection.onServerStep1 = onServerStep1

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
      // Say why we wait: the server cannot store (edits stay here and go when it can), or asked us
      // to slow down. The reason holds until a sync, across the retries' open sockets: a retry is
      // accepted and then closed again, and flipping to "connecting" in between would say nothing.
      const waitingFor =
        this._lastCloseCode === closeStorageFailed
          ? 'storage-down'
          : this._lastCloseCode === closeTooMany
            ? 'throttled'
            : null
      if (status === 'connected') this.state = provider.synced ? 'online' : (waitingFor ?? 'connecting')
      else if (!navigator.onLine) this.state = 'offline'
      else if (waitingFor) this.state = waitingFor
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
    const stopListening = connection.listenToUpdates(onUpdate)
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
      stopListening()
      clearTimeout(localCopyFallback)
      connection.onServerStep1 = null
      localCopy?.destroy()
      connection.destroy()
    })

    if (provider.shouldConnect) {
      // An early connection: catch up with what it went through before we listened.
      if (provider.wsconnected) onStatus({ status: 'connected' })
      if (provider.synced) onSync(true)
      if (connection.serverStep1Answered) onServerStep1()
      // It could not reach the server so far: show this browser's copy meanwhile.
      if (!provider.wsconnected && provider.wsUnsuccessfulReconnects > 0) openLocalCopy()
    } else if (navigator.onLine) {
      // Connect at once, without waiting for this browser's copy: Yjs merges the copy whenever it
      // arrives (its unsent edits then go out as an update).
      provider.connect()
    } else {
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
    return this.provider?.wsconnected === true && ws !== null && ws !== undefined && ws.readyState === WebSocket.OPEN
  }

  private _refreshUnsent(): void {
    const doc = this.doc
    if (!doc) return
    const unsent = isAhead(Y.decodeStateVector(Y.encodeStateVector(doc)), this._sent)
    if (unsent !== this.unsent) this.unsent = unsent
    this._host.requestUpdate()
  }
}
