// Stock y-websocket clients over `ws`, and small helpers to read and edit their docs, for server tests.

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
export function connectClient(
  wsUrl: string,
  reportId: string,
  token: string | undefined,
  doc = new Y.Doc(),
): TestClient {
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

/** The limits of a `vi.waitFor` in server tests: checked every 10 ms, for up to `timeoutMs` (default 10 s, for a loaded 2-core machine). */
export function waitLimits(timeoutMs = 10_000): { readonly timeout: number; readonly interval: number } {
  return { timeout: timeoutMs, interval: 10 }
}

/** Resolves after `ms`: a pause that is part of a scenario (typing at a pace, a client away for a while), never a wait for a condition (that is `vi.waitFor`). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Lets `ms` (default 300) pass before a test asserts that something did not happen — a refused
 * update reached no one and nothing stored, no close came: on loopback it would have arrived by then.
 */
export const letAnythingArrive = (ms = 300): Promise<void> => pause(ms)

/**
 * `bytes` as text: printable ASCII as it is, any other byte as `·`. The markers tests type are
 * ASCII, which Yjs's v1 encoding stores verbatim: look for one in this, and a failure shows where.
 */
export function printableBytes(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '·'
  return text
}

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

/** The first close code of `client` (a stock client or a raw socket's), or -1 when the server did not close it within `ms`. */
export function closedWithin(client: { readonly closed: Promise<number> }, ms = 5000): Promise<number> {
  return Promise.race([client.closed, pause(ms).then(() => -1)])
}
