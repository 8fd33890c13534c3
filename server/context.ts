import type { AuditLog } from './audit/audit-log.ts'
import type { LoginThrottle } from './auth/login-throttle.ts'
import type { ReportBus } from './cluster/report-bus.ts'
import type { CollabServer } from './collab/collab-server.ts'
import type { DocumentRegistry } from './collab/document-registry.ts'
import type { Storage } from './storage/storage.ts'

/** What the HTTP routes share. */
export interface AppContext {
  readonly storage: Storage
  readonly registry: DocumentRegistry
  readonly collab: CollabServer
  readonly throttle: LoginThrottle
  /** Several instances: the bus between them (its state shows in /readyz). */
  readonly bus?: ReportBus
  /** Who did what, for admins (`GET /api/audit`). */
  readonly audit: AuditLog
  /** Where to report what happens. */
  readonly log: (line: string) => void
  /** Proxy hops trusted for the client address and https (`TRUST_PROXY`); 0: none. */
  readonly trustProxy: number
}
