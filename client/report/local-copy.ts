import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'

/**
 * How long changes gather before they are written to IndexedDB together. Short, so little is at
 * risk if the browser crashes (and whatever was online is on the server already); long enough
 * that a keystroke and the ten remote updates around it cost one IndexedDB transaction, written
 * after the frame that shows them.
 */
const localCopyWriteDelayMs = 100

/**
 * This browser's copy of a report in IndexedDB (y-indexeddb), so edits made offline survive a
 * closed tab and go to the server on the next connection. y-indexeddb writes one IndexedDB
 * transaction per Yjs update, inside the Yjs transaction: on the keystroke's path, and once per
 * remote update. Here updates are gathered for {@link localCopyWriteDelayMs}, merged, and written
 * in one transaction (still through y-indexeddb's own store, which also trims it); they are
 * written at once when the page is hidden or closed.
 */
export class LocalCopy {
  /** Resolves once the stored copy has been merged into the document. */
  readonly whenLoaded: Promise<unknown>
  private readonly _persistence: IndexeddbPersistence
  private _pending: Uint8Array[] = []
  private _timer: ReturnType<typeof setTimeout> | undefined

  /** Open the copy named `name` and keep it in step with `doc`. */
  constructor(
    name: string,
    private readonly _doc: Y.Doc,
  ) {
    const persistence = new IndexeddbPersistence(name, _doc)
    this._persistence = persistence
    this.whenLoaded = persistence.whenSynced
    // y-indexeddb listens itself and writes each update at once; we write them in batches.
    _doc.off('update', persistence._storeUpdate)
    _doc.on('update', this._onUpdate)
    window.addEventListener('pagehide', this.flush)
    document.addEventListener('visibilitychange', this._onVisibility)
  }

  /** Write what is waiting now. */
  readonly flush = (): void => {
    clearTimeout(this._timer)
    this._timer = undefined
    const pending = this._pending
    if (pending.length === 0) return
    this._pending = []
    // Before y-indexeddb's database is open, it stores the whole document when it opens instead.
    this._persistence._storeUpdate(pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending), null)
  }

  /** Write what is waiting, stop listening and close the database. */
  destroy(): void {
    this.flush()
    this._doc.off('update', this._onUpdate)
    window.removeEventListener('pagehide', this.flush)
    document.removeEventListener('visibilitychange', this._onVisibility)
    void this._persistence.destroy()
  }

  private readonly _onUpdate = (update: Uint8Array, origin: unknown): void => {
    // What y-indexeddb itself merged in from the database is stored already.
    if (origin === this._persistence) return
    this._pending.push(update)
    this._timer ??= setTimeout(this.flush, localCopyWriteDelayMs)
  }

  private readonly _onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.flush()
  }
}
