import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
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
    const provider = new HocuspocusProvider({ websocketProvider, name: target.room, document: doc, onSynced: () => resolveSynced() })
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
  return doc.getArray<Y.Map<unknown>>('sections').toArray().map((section) => String(section.get('id')))
}
