// A network the test controls, in the style of Yjs's own test connector (yjs/tests/testHelper.js):
// clients speak the y-websocket protocol with the server's real pipeline (`ReportDocument`), but
// every message waits in a queue — one each way per connection, in order, as on a socket — until
// the test delivers it, and every durable write waits until the test lets it finish. A client that
// drops leaves the messages already on the wire behind: they may still reach the server, after
// those of its next connection. Used by controlled-delivery.test.ts.

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Permissions } from '../../../schema/roles.ts'
import { AwarenessGuard } from '../../../server/collab/awareness-guard.ts'
import type { Peer } from '../../../server/collab/document-peers.ts'
import { messageAwareness, messageSync, parseMessage, syncStep1, syncStep2 } from '../../../server/collab/protocol.ts'
import { ReportDocument } from '../../../server/collab/report-document.ts'
import type { LoadedLog, NewUpdate, Storage } from '../../../server/storage/storage.ts'

/** Who a client signs in as. */
export interface NetworkUser {
  readonly username: string
  readonly permissions: Permissions
}

/** One connection of a client: its server-side peer and the messages on the wire each way. */
export interface Connection {
  readonly client: NetworkClient
  readonly peer: Peer
  /** Client → server, in order; `'close'` is the client's close reaching the server. */
  readonly up: Array<Uint8Array | 'close'>
  /** Server → client, in order. */
  readonly down: Uint8Array[]
  /** False once the client let go of it: what the server still sends it is lost. */
  listening: boolean
  /** True once the server closed it or saw it close: what still arrives is ignored. */
  closed: boolean
}

/** A client: its doc and presence, as a report page has them, and its connection if any. */
export interface NetworkClient {
  readonly user: NetworkUser
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  /** The connection the client listens to; undefined while disconnected. */
  connection: Connection | undefined
  /** True once a sync step 2 arrived on the current connection. */
  synced: boolean
}

/** A connection the server closed. */
export interface ServerClose {
  readonly username: string
  readonly code: number
  readonly reason: string
  /** True when the client still listened to the connection (it hears the close); false for one it had dropped. */
  readonly heard: boolean
}

/** What happened on the network, to tell whether a run exercised what it should. */
export interface NetworkTally {
  /** Messages delivered. */
  delivered: number
  /** Messages of a dropped connection that reached the server after the client had connected again. */
  late: number
  /** Messages lost on the wire when a connection dropped. */
  lost: number
  /** Durable writes finished. */
  stored: number
}

/** Options of {@link ControlledNetwork}. */
export interface ControlledNetworkOptions {
  /**
   * Each client renews its presence (a newer clock) as each connection opens, before sending it:
   * the workaround of yjs/y-websocket#122, which the report page does not do. Default false: the
   * stock client, which sends its presence with the clock it had.
   */
  readonly renewPresenceOnConnect?: boolean
}

/** Client ids start here, one per client in order, so that a run replays the same way. */
const firstClientId = 1000

interface PendingWrite {
  readonly update: NewUpdate
  readonly resolve: (seq: number) => void
  readonly reject: (error: unknown) => void
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

function ownPresence(client: NetworkClient): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(client.awareness, [client.doc.clientID]))
  return encoding.toUint8Array(encoder)
}

/** Clients and one live report on a network whose deliveries and durable writes the test makes happen. */
export class ControlledNetwork {
  /** The server's live report, its writes going to `storage` when {@link store} lets them. */
  readonly document: ReportDocument
  readonly clients: readonly NetworkClient[]
  /** Connections with messages still on the wire, oldest first. */
  readonly connections: Connection[] = []
  /** Every connection the server closed. */
  readonly closes: ServerClose[] = []
  readonly tally: NetworkTally = { delivered: 0, late: 0, lost: 0, stored: 0 }
  private readonly writes: PendingWrite[] = []

  /** Loads `reportId` from `log` as the server would, with one (not yet connected) client per user. */
  constructor(
    private readonly storage: Storage,
    reportId: string,
    log: LoadedLog,
    users: readonly NetworkUser[],
    private readonly options: ControlledNetworkOptions = {},
  ) {
    this.document = new ReportDocument(reportId, log, {
      commit: (update) => new Promise((resolve, reject) => this.writes.push({ update, resolve, reject })),
      onFailure: (_document, error) => {
        throw error
      },
    })
    this.clients = users.map((user, i) => this.client(user, firstClientId + i))
  }

  private client(user: NetworkUser, clientId: number): NetworkClient {
    const doc = new Y.Doc()
    doc.clientID = clientId
    const awareness = new awarenessProtocol.Awareness(doc)
    const client: NetworkClient = { user, doc, awareness, connection: undefined, synced: false }
    // As y-websocket: every change not from the server goes out while connected, and is lost otherwise.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== client)
        client.connection?.up.push(syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update)))
    })
    // As the report page (client/patches/y-websocket.ts, sendOnlyOwnAwareness): only the client's own presence goes out.
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      if ([...added, ...updated, ...removed].includes(doc.clientID)) client.connection?.up.push(ownPresence(client))
    })
    awareness.setLocalState({ user: { name: user.username, color: '#1f6feb' } })
    return client
  }

  /** Opens a connection for `client` (disconnected): the server joins it, the client sends its sync step 1 and presence. */
  connect(client: NetworkClient): void {
    if (client.connection !== undefined) return
    const connection: Connection = {
      client,
      peer: {
        username: client.user.username,
        permissions: client.user.permissions,
        awareness: new AwarenessGuard(),
        send: (message) => {
          if (!connection.closed && connection.listening) connection.down.push(message)
        },
        close: (code, reason) => this.closedByServer(connection, code, reason),
        get closed() {
          return connection.closed
        },
      },
      up: [],
      down: [],
      listening: true,
      closed: false,
    }
    this.connections.push(connection)
    client.connection = connection
    client.synced = false
    this.document.join(connection.peer)
    connection.up.push(syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, client.doc)))
    const state = client.awareness.getLocalState()
    if (state !== null && this.options.renewPresenceOnConnect === true) client.awareness.setLocalState(state)
    else if (state !== null) connection.up.push(ownPresence(client))
  }

  /**
   * Drops the connection of `client`: what the server sends it is lost, and of what it sent, the
   * last `lost` messages (modulo those waiting) are lost; the rest still reach the server, then its close.
   */
  drop(client: NetworkClient, lost: number): void {
    const connection = client.connection
    if (connection === undefined) return
    this.letGo(connection)
    const losing = lost % (connection.up.length + 1)
    connection.up.splice(connection.up.length - losing, losing)
    this.tally.lost += losing
    connection.up.push('close')
  }

  private letGo(connection: Connection): void {
    const client = connection.client
    client.connection = undefined
    client.synced = false
    connection.listening = false
    connection.down.length = 0
    // As y-websocket when its socket closes: everyone else's presence is forgotten.
    const others = [...client.awareness.getStates().keys()].filter((id) => id !== client.doc.clientID)
    awarenessProtocol.removeAwarenessStates(client.awareness, others, client)
  }

  private closedByServer(connection: Connection, code: number, reason: string): void {
    if (connection.closed) return
    this.closes.push({ username: connection.client.user.username, code, reason, heard: connection.listening })
    connection.closed = true
    if (connection.listening) this.letGo(connection)
    // The socket's close event reaches the document after the message being handled.
    connection.up.length = 0
    connection.up.push('close')
  }

  /** The queues holding messages, in a stable order: each connection's way up, then its way down. */
  private queues(): Array<{ connection: Connection; up: boolean }> {
    return this.connections.flatMap((connection) => [
      ...(connection.up.length > 0 ? [{ connection, up: true }] : []),
      ...(connection.down.length > 0 ? [{ connection, up: false }] : []),
    ])
  }

  /** Delivers the next `count` messages of the `pick`-th queue holding any (modulo their number); false when none does. */
  deliver(pick: number, count: number): boolean {
    const queues = this.queues()
    if (queues.length === 0) return false
    const { connection, up } = queues[pick % queues.length]!
    for (let i = 0; i < count; i++) {
      if (up ? connection.up.length === 0 : connection.down.length === 0) break
      if (up) this.toServer(connection)
      else this.toClient(connection)
      this.tally.delivered++
    }
    const done =
      connection.up.length === 0 && (connection.closed || (!connection.listening && connection.down.length === 0))
    if (done) this.connections.splice(this.connections.indexOf(connection), 1)
    return true
  }

  private toServer(connection: Connection): void {
    const message = connection.up.shift()!
    if (!connection.listening && connection.client.connection !== undefined) this.tally.late++
    if (message === 'close') {
      connection.closed = true
      this.document.leave(connection.peer)
      return
    }
    if (connection.closed) return
    this.document.receive(connection.peer, parseMessage(message))
  }

  /** What the stock client does with a message (y-websocket's handlers, without their `try`: an update that does not apply fails the test). */
  private toClient(connection: Connection): void {
    const client = connection.client
    const decoder = decoding.createDecoder(connection.down.shift()!)
    const type = decoding.readVarUint(decoder)
    if (type === messageAwareness) {
      awarenessProtocol.applyAwarenessUpdate(client.awareness, decoding.readVarUint8Array(decoder), client)
      return
    }
    if (type !== messageSync) throw new Error(`the server sent a message of type ${type}`)
    const sub = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (sub === syncStep1) {
      connection.up.push(syncMessage((encoder) => syncProtocol.writeSyncStep2(encoder, client.doc, payload)))
      return
    }
    Y.applyUpdate(client.doc, payload, client)
    if (sub === syncStep2) client.synced = true
  }

  /** Number of durable writes waiting. */
  get writesWaiting(): number {
    return this.writes.length
  }

  /** Finishes the oldest `count` waiting writes in one transaction, as the group commit does, and lets the pipeline apply them. */
  async store(count: number): Promise<void> {
    const batch = this.writes.splice(0, count)
    if (batch.length === 0) return
    try {
      const seqs = await this.storage.appendUpdates(batch.map((write) => write.update))
      batch.forEach((write, i) => write.resolve(seqs[i]!))
      this.tally.stored += batch.length
    } catch (error) {
      for (const write of batch) write.reject(error)
    }
    await new Promise((resolve) => setImmediate(resolve))
  }

  /** Connects every disconnected client, then delivers every message and finishes every write until nothing moves. */
  async flush(): Promise<void> {
    for (const client of this.clients) this.connect(client)
    for (let rounds = 0; this.deliver(0, Number.POSITIVE_INFINITY) || this.writes.length > 0; rounds++) {
      if (rounds > 100_000) throw new Error('the network did not settle')
      if (this.writes.length > 0) await this.store(this.writes.length)
    }
    await this.document.settle()
  }

  /** Frees the clients and the document. */
  destroy(): void {
    for (const client of this.clients) {
      client.awareness.destroy()
      client.doc.destroy()
    }
    this.document.destroy()
  }
}
