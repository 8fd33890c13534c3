// Writing the audit log: who did what, when, from where (`schema/api/audit.ts`).

import type { Request } from 'express'
import { logEvent } from '../log.ts'
import type { NewAuditEntry, Storage } from '../storage/storage.ts'

/** An entry to record; `time` defaults to now. */
export type AuditEvent = Omit<NewAuditEntry, 'time'> & { readonly time?: number }

/** The client's address of an HTTP request: Express derives it from X-Forwarded-For when `trust proxy` is set (`TRUST_PROXY`), else the socket's peer. */
export function requestIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown'
}

/**
 * Records audit entries in storage.
 *
 * *Decision:* {@link record} never rejects. The action it records has already happened (a
 * sign-in, an import, a change stored in the log) or must not wait on the audit (a refused
 * change's close): failing it because its entry could not be written would lose nothing less
 * than the action's answer and tell the person it did not happen when it did. So routes await
 * the entry (it is on disk before the answer, in order with the action's own writes) and a failed
 * write is logged as `audit-failed`, with the entry, so it can be recovered from the logs.
 */
export class AuditLog {
  constructor(
    private readonly storage: Storage,
    private readonly log: (line: string) => void,
  ) {}

  /** Writes `event`; resolves when it is stored or its failure logged. */
  async record(event: AuditEvent): Promise<void> {
    const entry: NewAuditEntry = { ...event, time: event.time ?? Date.now() }
    try {
      await this.storage.addAuditEntry(entry)
    } catch (error) {
      logEvent(this.log, {
        level: 'error',
        event: 'audit-failed',
        user: entry.user,
        ip: entry.ip,
        ...(entry.report !== undefined && { report: entry.report }),
        message: `could not write the audit entry ${JSON.stringify(entry)}`,
        error,
      })
    }
  }
}
