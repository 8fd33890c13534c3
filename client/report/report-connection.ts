import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { closeTooMany, isFinalClose } from '../../schema/close-codes.ts'
import { parseRoute } from '../app/router.ts'
import { quietServerMessages, sendOnlyOwnAwareness } from '../patches/y-websocket.ts'

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
 * (see `listenToUpdates` and `client/patches/y-websocket.ts`). `CollabController` adds the rest (state, IndexedDB copy, presence).
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
    this.provider = new WebsocketProvider(
      `${scheme}//${location.host}/collab`,
      encodeURIComponent(reportId),
      this.doc,
      {
        connect: false,
        disableBc: true,
        maxBackoffTime,
        // 44xx closes are final (session ended, forbidden change, no such report…), except 4429:
        // too many connections or messages is temporary, so wait (with the provider's back-off) and retry.
        shouldReconnect: (event: CloseEvent) => event.code === closeTooMany || !isFinalClose(event.code),
      },
    )
    this.provider.on('closed', (event) => {
      this.stoppedBy = event
    })
    sendOnlyOwnAwareness(this.provider)
    quietServerMessages(this.provider, {
      quietListeners: this._quietListeners,
      serverStep1Answered: () => {
        this.serverStep1Answered = true
        this.onServerStep1?.()
      },
    })
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
