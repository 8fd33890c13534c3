// Structured logs through pino: one JSON object per line (level, time, event, and report/user/code
// when known, the error with its stack), written through the server's `log` option.

import { pino, type Logger } from 'pino'

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
  /** What was thrown, when the entry reports a failure: written with its stack. */
  readonly error?: unknown
}

/** A log entry as written: the entry plus its ISO time. */
export interface LogRecord extends Omit<LogEntry, 'error'> {
  /** When it was logged (ISO 8601, UTC). */
  readonly time: string
  /** The error, when the entry has one: its type, message and stack (pino's `err` serializer). */
  readonly err?: { readonly type?: string; readonly message?: string; readonly stack?: string }
}

// The lines are made by pino (a well-kept, fast JSON logger) rather than by hand: it gives the
// levels, the ISO time, the error serializer (type, message, stack) and the escaping. Its
// destination is the server's `log` option, a line writer, so that `npm start` writes to stdout
// and tests read the lines they caused. Level names, not numbers, and `message`, not `msg`: the
// lines are read by people and by log shippers alike.
function pinoFor(write: (line: string) => void, time: () => string): Logger {
  return pino(
    {
      base: undefined,
      messageKey: 'message',
      errorKey: 'err',
      timestamp: () => `,"time":"${time()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
  )
}

const loggers = new WeakMap<(line: string) => void, Logger>()

function loggerFor(write: (line: string) => void): Logger {
  let logger = loggers.get(write)
  if (!logger) {
    logger = pinoFor(write, () => new Date().toISOString())
    loggers.set(write, logger)
  }
  return logger
}

function writeEntry(logger: Logger, entry: LogEntry): void {
  const { level, message, error, ...fields } = entry
  logger[level](error === undefined ? fields : { ...fields, err: error }, message)
}

/** The JSON line of `entry`, stamped with `now`. */
export function logLine(entry: LogEntry, now = new Date()): string {
  let line = ''
  writeEntry(
    pinoFor(
      (written) => {
        line = written
      },
      () => now.toISOString(),
    ),
    entry,
  )
  return line
}

/** Writes `entry` as one JSON line through `log`. */
export function logEvent(log: (line: string) => void, entry: LogEntry): void {
  writeEntry(loggerFor(log), entry)
}

/**
 * Wraps a line writer so that every line is a JSON object: lines already written by
 * {@link logEvent} pass through; older plain sentences become `{event: "message", message}`,
 * at level `error` when they report a failure.
 */
export function structuredLog(write: (line: string) => void): (line: string) => void {
  return (line) => {
    if (line.startsWith('{"level":')) return write(line)
    const level: LogLevel = /\b(failed|error|refused)\b/i.test(line) ? 'error' : 'info'
    logEvent(write, { level, event: 'message', message: line })
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
