// The JSON shape of a version in the HTTP contract.

import type { VersionAuthor, VersionKind, VersionRecord } from '../storage/storage.ts'

/** A version as the API answers it. */
export interface VersionJSON {
  readonly id: number
  readonly seq: number
  readonly kind: VersionKind
  readonly name?: string
  /** ISO 8601. */
  readonly createdAt: string
  /** A username, or `system` for automatic versions. */
  readonly createdBy: string
  readonly authors: readonly VersionAuthor[]
}

/** The API form of a stored version. */
export function versionJSON(version: VersionRecord): VersionJSON {
  return {
    id: version.id,
    seq: version.seq,
    kind: version.kind,
    ...(version.name !== undefined ? { name: version.name } : {}),
    createdAt: new Date(version.createdAt).toISOString(),
    createdBy: version.createdBy,
    authors: version.authors.map(({ user, sections }) => ({ user, sections: [...sections] })),
  }
}
