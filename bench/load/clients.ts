import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

// Every stock provider in Node adds a process 'exit' listener; hundreds of them are expected here.
process.setMaxListeners(0)

/** The systems a load generator can talk to, each with its own stock client. */
export type SystemKind = 'ours' | 'yws' | 'hocuspocus'

/** Where a system serves the report and how to sign in. */
export interface Target {
  readonly system: SystemKind
  readonly wsBase: string
  readonly room: string
  readonly token?: string
}

/** One connected stock client and its document. */
export interface Client {
  readonly doc: Y.Doc
  /** Resolves once the client holds the server's whole document. */
  readonly synced: Promise<void>
  destroy(): void
}

/** Connect one stock client of the target's kind: y-websocket's provider, or Hocuspocus's. */
export function connect(target: Target): Client {
  const doc = new Y.Doc()
  if (target.system === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({ url: target.wsBase, WebSocketPolyfill: WebSocket })
    let resolveSynced: () => void = () => {}
    const synced = new Promise<void>((resolve) => (resolveSynced = resolve))
    const provider = new HocuspocusProvider({
      websocketProvider,
      name: target.room,
      document: doc,
      onSynced: () => resolveSynced(),
    })
    // With a websocket passed in, Hocuspocus leaves attaching to the caller.
    provider.attach()
    return {
      doc,
      synced,
      destroy() {
        provider.destroy()
        websocketProvider.destroy()
      },
    }
  }
  const provider = new WebsocketProvider(target.wsBase, target.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: target.token ? { token: target.token } : {},
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve())
  })
  return { doc, synced, destroy: () => provider.destroy() }
}

/** The first Y.XmlText inside `fragment` (depth first), where a writer can type. */
export function firstText(fragment: Y.XmlFragment | Y.XmlElement): Y.XmlText | null {
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) return child
    if (child instanceof Y.XmlElement) {
      const found = firstText(child)
      if (found) return found
    }
  }
  return null
}

/** The section ids of the report in `doc`, in order. */
export function sectionIds(doc: Y.Doc): string[] {
  return doc
    .getArray<Y.Map<unknown>>('sections')
    .toArray()
    .map((section) => String(section.get('id')))
}

/** A protocol-level observer: receives a system's updates on a real socket without applying them. */
export interface Observer {
  /** Resolves once the whole document has arrived (sync step 2). */
  readonly synced: Promise<void>
  destroy(): void
}

const messageSync = 0
const syncStep1 = 0
const syncStep2 = 1
const syncUpdate = 2
const hocuspocusAuth = 2

/** A socket to the target's report: Hocuspocus multiplexes documents on one address, y-websocket servers take the room in the path. */
function openSocket(target: Target): WebSocket {
  const url =
    target.system === 'hocuspocus'
      ? target.wsBase
      : `${target.wsBase}/${target.room}${target.token ? `?token=${encodeURIComponent(target.token)}` : ''}`
  const socket = new WebSocket(url)
  socket.binaryType = 'nodebuffer'
  socket.on('error', () => {})
  return socket
}

/** One message of the target's protocol: what `write` writes, after the document name for Hocuspocus. */
function messageFor(target: Target, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  if (target.system === 'hocuspocus') encoding.writeVarString(encoder, target.room)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** A sync message (`type` is sync step 1, step 2 or update) carrying `payload`. */
function syncMessage(target: Target, type: number, payload: Uint8Array): Uint8Array {
  return messageFor(target, (e) => {
    encoding.writeVarUint(e, messageSync)
    encoding.writeVarUint(e, type)
    encoding.writeVarUint8Array(e, payload)
  })
}

/**
 * Connects an observer speaking the system's own wire protocol (y-websocket's, or Hocuspocus's
 * with its document-name prefix and auth message): it asks for the document like a stock client,
 * then reports, for every update received, the highest clock it carries per client
 * (`Y.parseUpdateMeta`), without integrating it into a document.
 *
 * *Why not stock observers:* a stock client applies every update to a full copy of the report; 200
 * of them applying 500 updates/s need several cores, so one load-generator core saturated (100 %
 * CPU, 40 of 500 updates/s sent) and the rows measured the load generator, not the servers.
 * The fan-out rows' writers stay stock clients, so what the servers receive is exactly what editors send.
 */
export function connectObserver(target: Target, onUpdate: (clocks: Map<number, number>) => void): Observer {
  const hocuspocus = target.system === 'hocuspocus'
  const socket = openSocket(target)
  let resolveSynced: () => void = () => {}
  const synced = new Promise<void>((resolve) => (resolveSynced = resolve))
  socket.on('open', () => {
    if (hocuspocus) {
      socket.send(
        messageFor(target, (e) => {
          encoding.writeVarUint(e, hocuspocusAuth)
          encoding.writeVarUint(e, 0)
          encoding.writeVarString(e, '')
        }),
      )
    }
    socket.send(syncMessage(target, syncStep1, new Uint8Array([0])))
  })
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    if (hocuspocus) decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== messageSync) return
    const sub = decoding.readVarUint(decoder)
    if (sub === syncStep2) {
      resolveSynced()
      return
    }
    if (sub !== syncUpdate) return
    const { to } = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder))
    onUpdate(to)
  })
  return { synced, destroy: () => socket.terminate() }
}

/**
 * A writer that types like a stock client but does not follow the others: it receives the whole
 * document once (its sync step 2), then sends every local change as a y-websocket update message
 * and ignores what others send. What the server receives is exactly what a stock client sends for
 * the same typing (the update of a transaction on a copy of the report).
 *
 * *Why:* a stock client applies every other writer's update to its copy of the report. Ten of
 * them in the keystroke row applied 450 updates/s in the load process, CPU taken from the browser
 * being measured on this 2-core machine; remote writers are other people's computers, whose work
 * is not this machine's.
 */
export function connectLightWriter(target: Target): Client {
  if (target.system === 'hocuspocus') throw new Error('light writers speak the y-websocket protocol only')
  const doc = new Y.Doc()
  const socket = openSocket(target)
  let resolveSynced: () => void = () => {}
  const synced = new Promise<void>((resolve) => (resolveSynced = resolve))
  const fromServer = Symbol('server')
  socket.on('open', () => socket.send(syncMessage(target, syncStep1, Y.encodeStateVector(doc))))
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    if (decoding.readVarUint(decoder) !== messageSync || decoding.readVarUint(decoder) !== syncStep2) return
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), fromServer)
    resolveSynced()
  })
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== fromServer && socket.readyState === WebSocket.OPEN)
      socket.send(syncMessage(target, syncUpdate, update))
  })
  return { doc, synced, destroy: () => socket.terminate() }
}
