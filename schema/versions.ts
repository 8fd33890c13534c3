// The shape of versions in the HTTP contract, shared by the server that answers and the client
// that reads (interface.md: `GET /api/reports/:id/versions`).

/** The kinds of version: automatic after a pause, named by a person, made by a restore, published. */
export type VersionKind = 'auto' | 'named' | 'restore' | 'published'

/** Who changed which sections between a version and the one before it (`*`: the outline, meta or actors). */
export interface VersionAuthor {
  readonly user: string
  /** Section ids, in first-change order; `*` for `sections`, `meta` or `actors`. */
  readonly sections: readonly string[]
}

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
