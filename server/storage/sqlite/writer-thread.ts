// The event loop's side of the writer thread: sends write calls to `writer.ts` and
// resolves each with its answer. Calls run one at a time in the order sent, so writes keep the
// order in which the server made them.

import { Worker } from 'node:worker_threads'
import { StorageError, type StorageErrorCode } from '../storage.ts'
import type { SqliteStore } from './sqlite-store.ts'

/** The store operations that may be sent (its methods). */
export type WriterMethod = {
  [K in keyof SqliteStore]: SqliteStore[K] extends (...args: never[]) => unknown ? K : never
}[keyof SqliteStore]

/** One call sent to the writer thread. */
export interface WriterCall {
  readonly id: number
  readonly method: WriterMethod
  readonly args: readonly unknown[]
}

/** The writer thread's answer to call `id`: a result, or an error as plain data. */
export type WriterReply =
  | { readonly id: number; readonly result: unknown; readonly error?: undefined }
  | { readonly id: number; readonly error: { name: string; message: string; stack?: string; code?: string } }

// The entry is TypeScript. Under `tsx` the thread inherits its loader (execArgv); elsewhere (vitest
// runs the server in-process) the thread registers tsx itself and imports the entry again under
// another URL (a failed import stays cached under its own).
const bootstrap = `
const { workerData } = require('node:worker_threads')
import(workerData.entry).catch((error) => {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
  return import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry + '?tsx') })
})
`

function toError(reply: Extract<WriterReply, { error: object }>['error']): Error {
  const error =
    reply.name === 'StorageError'
      ? new StorageError(reply.code as StorageErrorCode, reply.message)
      : Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {})
  if (reply.stack)
    error.stack = `${error.name}: ${reply.message}\n    (in the writer thread)\n${reply.stack.split('\n').slice(1).join('\n')}`
  return error
}

/**
 * A thread that owns the database's only writing connection. It holds the process open only
 * while calls are pending, so a store nobody closes does not keep a program running.
 */
export class WriterThread {
  private readonly worker: Worker
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  /** Calls made with {@link whenIdle}, waiting for the thread to have nothing else to do. */
  private readonly background: Array<() => void> = []
  private backgroundScheduled = false
  private nextId = 1
  /** Set once the thread has exited: every later call fails with it. */
  private ended: Error | undefined

  /** Starts the thread on the database at `path` (already created and migrated). */
  constructor(path: string) {
    this.worker = new Worker(bootstrap, {
      eval: true,
      workerData: { path, entry: new URL('./writer.ts', import.meta.url).href },
    })
    this.worker.unref()
    this.worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id)
      if (waiting === undefined) return
      this.pending.delete(reply.id)
      if (this.pending.size === 0 && this.background.length === 0) this.worker.unref()
      if (reply.error) waiting.reject(toError(reply.error))
      else waiting.resolve(reply.result)
      this.scheduleBackground()
    })
    this.worker.on('error', (error) => this.end(error))
    this.worker.on('exit', (code) => this.end(new Error(`the database writer thread stopped (exit code ${code})`)))
  }

  /** Runs `method(...args)` on the writer's connection; resolves with its result once committed. */
  call<M extends WriterMethod>(method: M, ...args: Parameters<SqliteStore[M]>): Promise<ReturnType<SqliteStore[M]>> {
    if (this.ended) return Promise.reject(this.ended)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref()
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.worker.postMessage({ id, method, args } satisfies WriterCall)
    })
  }

  /**
   * Runs `method(...args)` when the thread is idle: after the calls already sent and after the
   * event loop has handled their answers (an update's commit is broadcast first), so a long
   * background write (a checkpoint of the whole report) starts in the pause after a commit instead
   * of delaying the next one. It may run after calls made later; callers that depend on it await it.
   */
  whenIdle<M extends WriterMethod>(
    method: M,
    ...args: Parameters<SqliteStore[M]>
  ): Promise<ReturnType<SqliteStore[M]>> {
    if (this.ended) return Promise.reject(this.ended)
    return new Promise((resolve, reject) => {
      this.worker.ref()
      this.background.push(() => this.call(method, ...args).then(resolve, reject))
      this.scheduleBackground()
    })
  }

  /** After the current turn, sends the oldest background call if nothing else is in flight. */
  private scheduleBackground(): void {
    if (this.backgroundScheduled || this.background.length === 0 || this.pending.size > 0) return
    this.backgroundScheduled = true
    setImmediate(() => {
      this.backgroundScheduled = false
      if (this.pending.size > 0 || this.ended) return
      this.background.shift()?.()
    })
  }

  /** Checkpoints the WAL into the database, closes the connection and ends the thread. */
  async close(): Promise<void> {
    if (this.ended) return
    // Background calls left are sent now, before the connection closes.
    for (const send of this.background.splice(0)) send()
    await this.call('close')
    // Held open until the thread has exited: otherwise a process with nothing else to do would
    // end here, before the caller's next step (a shutdown's last log line, say).
    this.worker.ref()
    await new Promise<void>((resolve) => {
      if (this.ended) resolve()
      else this.worker.once('exit', () => resolve())
    })
  }

  private end(error: Error): void {
    this.ended ??= error
    for (const send of this.background.splice(0)) send()
    for (const waiting of this.pending.values()) waiting.reject(error)
    this.pending.clear()
  }
}
