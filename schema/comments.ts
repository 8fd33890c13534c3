// Comment threads (design.md, "Review before publication"; interface.md, `/comments`): anchored to
// a range of a body by Yjs relative positions, so the anchor stays on the same words while people
// edit around and inside it, in either language.
//
// Kept in the Y.Doc (root `comments`, written only by the server, as `review` is): every browser
// sees a new comment or reply live, and a version records the threads of its time.

import {
  initProseMirrorDoc,
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
} from 'y-prosemirror'
import * as Y from 'yjs'
import type { Language } from './languages.ts'
import { schema } from './prosemirror-schema.ts'
import { commentsKey, fragmentName } from './ydoc.ts'

/** One message of a thread. */
export interface CommentEntry {
  readonly author: string
  readonly text: string
  /** When it was written (ms since the epoch). */
  readonly at: number
}

/** A thread as stored: where it is anchored and what was said. */
export interface StoredThread {
  readonly id: string
  readonly section: string
  readonly lang: Language
  /** The anchor's start and end: Yjs relative positions in the body, base64. */
  readonly from: string
  readonly to: string
  /** The text of the range when the thread was started. */
  readonly quote: string
  readonly resolved: boolean
  readonly thread: readonly CommentEntry[]
}

/** A thread as read now: its anchor resolved against the body as it is. */
export interface CommentThread extends Omit<StoredThread, 'from' | 'to'> {
  /** ProseMirror positions of the anchor in the body now; null when the anchored text was deleted. */
  readonly anchor: { readonly from: number; readonly to: number; readonly text: string } | null
}

function isEntry(value: unknown): value is CommentEntry {
  if (typeof value !== 'object' || value === null) return false
  const { author, text, at } = value as Record<string, unknown>
  return typeof author === 'string' && typeof text === 'string' && typeof at === 'number'
}

function isStoredThread(value: unknown): value is StoredThread {
  if (typeof value !== 'object' || value === null) return false
  const thread = value as Record<string, unknown>
  return (
    typeof thread.id === 'string' &&
    typeof thread.section === 'string' &&
    (thread.lang === 'es' || thread.lang === 'en') &&
    typeof thread.from === 'string' &&
    typeof thread.to === 'string' &&
    typeof thread.quote === 'string' &&
    typeof thread.resolved === 'boolean' &&
    Array.isArray(thread.thread) &&
    thread.thread.every(isEntry)
  )
}

/** Every stored thread of `doc` (what is not a thread is left out), oldest first. */
export function storedThreads(doc: Y.Doc): StoredThread[] {
  const threads: StoredThread[] = []
  for (const value of doc.getMap<unknown>(commentsKey).values()) if (isStoredThread(value)) threads.push(value)
  return threads.sort((a, b) => (a.thread[0]?.at ?? 0) - (b.thread[0]?.at ?? 0) || a.id.localeCompare(b.id))
}

/** The stored thread `id`, or undefined. */
export function storedThread(doc: Y.Doc, id: string): StoredThread | undefined {
  const value = doc.getMap<unknown>(commentsKey).get(id)
  return isStoredThread(value) ? value : undefined
}

/** Records `thread` (new, or replacing the one with its id): the server, in a server change. */
export function writeThread(doc: Y.Doc, thread: StoredThread): void {
  doc.getMap<unknown>(commentsKey).set(thread.id, { ...thread, thread: thread.thread.map((entry) => ({ ...entry })) })
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

/**
 * Reads bodies of `doc` as ProseMirror documents with y-prosemirror's mapping between them, to turn
 * positions into anchors and back. Give it a copy of a live document: y-prosemirror deletes from
 * the Y.Doc what it cannot read with the schema.
 */
export class BodyPositions {
  private readonly bodies = new Map<
    string,
    ReturnType<typeof initProseMirrorDoc> & { readonly fragment: Y.XmlFragment }
  >()

  constructor(private readonly doc: Y.Doc) {}

  private body(language: Language, section: string) {
    const name = fragmentName(language, section)
    let body = this.bodies.get(name)
    if (body === undefined) {
      const fragment = this.doc.getXmlFragment(name)
      body = { ...initProseMirrorDoc(fragment, schema), fragment }
      this.bodies.set(name, body)
    }
    return body
  }

  /** The size of a body's content (positions run from 0 to it). */
  size(language: Language, section: string): number {
    return this.body(language, section).doc.content.size
  }

  /** The text between two positions of a body (blocks separated by a line break). */
  textBetween(language: Language, section: string, from: number, to: number): string {
    return this.body(language, section).doc.textBetween(from, to, '\n')
  }

  /** The anchor of the range `from`–`to` of a body. */
  anchor(language: Language, section: string, from: number, to: number): { from: string; to: string } {
    const { fragment, mapping } = this.body(language, section)
    const start = absolutePositionToRelativePosition(from, fragment, mapping)
    // The end holds on to the range's last character (assoc -1): text typed right after the range
    // stays out of it, and when the whole range is deleted both ends meet where it was.
    const last = absolutePositionToRelativePosition(to - 1, fragment, mapping)
    const end =
      last.item === null
        ? absolutePositionToRelativePosition(to, fragment, mapping)
        : new Y.RelativePosition(last.type, last.tname, last.item, -1)
    return { from: toBase64(Y.encodeRelativePosition(start)), to: toBase64(Y.encodeRelativePosition(end)) }
  }

  /** Where a stored thread's anchor is now, or null when the anchored text is gone. */
  resolve(thread: StoredThread): CommentThread['anchor'] {
    const { fragment, mapping } = this.body(thread.lang, thread.section)
    const decode = (text: string): number | null => {
      try {
        return relativePositionToAbsolutePosition(
          this.doc,
          fragment,
          Y.decodeRelativePosition(fromBase64(text)),
          mapping,
        )
      } catch {
        return null
      }
    }
    const from = decode(thread.from)
    const to = decode(thread.to)
    if (from === null || to === null || to <= from) return null
    return { from, to, text: this.textBetween(thread.lang, thread.section, from, to) }
  }
}
