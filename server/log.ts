// Structured logs: one JSON object per line (time, level, event, and report/user/code when known),
// written through the server's `log` option.

import { errorMessage } from '../schema/error-message.ts'

/** How serious a log entry is. */
export type LogLevel = 'info' | 'warn' | 'error'

/** One log entry before its time is added. */
export interface LogEntry {
  /** How serious it is. */
  readonly level: LogLevel
  /** What happened, kebab-case: `start`, `stop`, `connection-refused`, `connection-closed`, `import`, `error`, … */
  readonly event: string
  /** The report concerned, when there is one. */
  readonly report?: string
  /** The account concerned, when known. */
  readonly user?: string
  /** The WebSocket close code or HTTP status, when there is one. */
  readonly code?: number
  /** A sentence for a person. */
  readonly message?: string
  /** The client address, for refused connections. */
  readonly ip?: string
  /** The seq of the stored update concerned, when there is one. */
  readonly seq?: number
}

/** A log entry as written: the entry plus its ISO time. */
export interface LogRecord extends LogEntry {
  /** When it was logged (ISO 8601, UTC). */
  readonly time: string
}

/** The JSON line of `entry`, stamped with the current time. */
export function logLine(entry: LogEntry, now = new Date()): string {
  return JSON.stringify({ time: now.toISOString(), ...entry })
}

/** Writes `entry` as one JSON line through `log`. */
export function logEvent(log: (line: string) => void, entry: LogEntry): void {
  log(logLine(entry))
}

/** The message of an unknown thrown value, with its stack when it has one. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : errorMessage(error)
}

/**
 * Wraps a line writer so that every line is a JSON object: lines already written by
 * {@link logEvent} pass through; older plain sentences become `{event: "message", message}`,
 * at level `error` when they report a failure.
 */
export function structuredLog(write: (line: string) => void): (line: string) => void {
  return (line) => {
    if (line.startsWith('{"time":')) return write(line)
    const level: LogLevel = /\b(failed|error|refused)\b/i.test(line) ? 'error' : 'info'
    write(logLine({ level, event: 'message', message: line }))
  }
}

/** Parses one log line back into a record; throws when it is not a structured line. */
export function parseLogLine(line: string): LogRecord {
  const value: unknown = JSON.parse(line)
  if (typeof value !== 'object' || value === null) throw new SyntaxError(`not a log record: ${line}`)
  const record = value as Record<string, unknown>
  if (typeof record.time !== 'string' || typeof record.level !== 'string' || typeof record.event !== 'string')
    throw new SyntaxError(`not a log record: ${line}`)
  return value as LogRecord
}
