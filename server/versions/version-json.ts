// The JSON shape of a version in the HTTP contract.

import type { VersionJSON } from '../../schema/api/versions.ts'
import type { VersionRecord } from '../storage/storage.ts'

export type { VersionJSON }

/** The API form of a stored version. */
export function versionJSON(version: VersionRecord): VersionJSON {
  return {
    id: version.id,
    seq: version.seq,
    kind: version.kind,
    ...(version.name !== undefined ? { name: version.name } : {}),
    ...(version.reason !== undefined ? { reason: version.reason } : {}),
    createdAt: new Date(version.createdAt).toISOString(),
    createdBy: version.createdBy,
    authors: version.authors.map(({ user, sections }) => ({ user, sections: [...sections] })),
  }
}
