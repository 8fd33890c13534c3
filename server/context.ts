import type { LoginThrottle } from './auth/login-throttle.ts'
import type { CollabServer } from './collab/collab-server.ts'
import type { DocumentRegistry } from './collab/document-registry.ts'
import type { Storage } from './storage/storage.ts'

/** What the HTTP routes share. */
export interface AppContext {
  readonly storage: Storage
  readonly registry: DocumentRegistry
  readonly collab: CollabServer
  readonly throttle: LoginThrottle
  /** Where to report what happens. */
  readonly log: (line: string) => void
}
