// Stock y-websocket clients over `ws`, and small waiting helpers, for server tests.

import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** A stock client: its doc, its provider, and the close code the server sent (once it did). */
export interface TestClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Close codes received from the server, in order. */
  readonly closeCodes: number[]
  /** Resolves with the first close code the server sends. */
  readonly closed: Promise<number>
  /** Resolves once the first sync with the server is complete. */
  readonly synced: Promise<void>
  /** Disconnects and frees the doc. */
  destroy(): void
}

/** Connects a stock `WebsocketProvider` to `reportId` with `token`. */
export function connectClient(wsUrl: string, reportId: string, token: string | undefined, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(wsUrl, reportId, doc, {
    params: token === undefined ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const closeCodes: number[] = []
  const closed = new Promise<number>((resolve) => {
    provider.on('connection-close', (event) => {
      if (event) {
        closeCodes.push(event.code)
        resolve(event.code)
      }
    })
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    provider.on('sync', (state: boolean) => state && resolve())
  })
  return {
    doc,
    provider,
    closeCodes,
    closed,
    synced,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Waits until `check` returns true, polling; throws `message` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${message}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The text of the first paragraph of fragment `name` in `doc`. */
export function firstParagraphText(doc: Y.Doc, name: string): string {
  const paragraph = doc.getXmlFragment(name).get(0)
  if (!(paragraph instanceof Y.XmlElement)) return ''
  const text = paragraph.get(0)
  return text instanceof Y.XmlText ? text.toString() : ''
}

/** Inserts `text` at the start of the first paragraph of fragment `name`. */
export function typeInto(doc: Y.Doc, name: string, text: string): void {
  const paragraph = doc.getXmlFragment(name).get(0) as Y.XmlElement
  ;(paragraph.get(0) as Y.XmlText).insert(0, text)
}

/** The first close code of `client`, or -1 when the server did not close it within `ms`. */
export function closedWithin(client: TestClient, ms = 5000): Promise<number> {
  return Promise.race([client.closed, sleep(ms).then(() => -1)])
}
