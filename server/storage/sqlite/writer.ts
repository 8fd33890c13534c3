// The writer thread's entry: owns the one connection that writes, runs each call it is sent on
// it, in the order sent, and answers with the result or the error. A commit here (and its WAL
// fsync, `synchronous = FULL`) blocks only this thread, never the server's event loop.

import { parentPort, workerData } from 'node:worker_threads'
import { StorageError } from '../storage.ts'
import { openDatabase, SqliteStore } from './sqlite-store.ts'
import type { WriterCall, WriterReply } from './writer-thread.ts'

const port = parentPort!
const store = new SqliteStore(openDatabase((workerData as { path: string }).path))

/** The error as plain data: the event loop's side rebuilds a `StorageError` from its code. */
function errorReply(id: number, error: unknown): WriterReply {
  const { name, message, stack } =
    error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined }
  const code = error instanceof StorageError ? error.code : (error as { code?: unknown } | null)?.code
  return { id, error: { name, message, stack, code: typeof code === 'string' ? code : undefined } }
}

port.on('message', (call: WriterCall) => {
  let reply: WriterReply
  try {
    const method = store[call.method] as (...args: unknown[]) => unknown
    reply = { id: call.id, result: method.apply(store, [...call.args]) }
  } catch (error) {
    reply = errorReply(call.id, error)
  }
  port.postMessage(reply)
  if (call.method === 'close') port.close()
})
