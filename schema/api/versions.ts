// Versions, restore and publish (interface.md: `/api/reports/:id/{versions,diff,restore,publish}`).

import * as z from 'zod/mini'
import type { SectionDiff } from '../diff/report-diff.ts'
import { text, type BodyContract } from './contract.ts'

/** The kinds of version: automatic after a pause, named by a person, made by a restore, published. */
export const versionKinds = ['auto', 'named', 'restore', 'published'] as const

/** A kind of version. */
export type VersionKind = (typeof versionKinds)[number]

/** Who changed which sections between a version and the one before it (`*`: the outline, meta or actors). */
export const versionAuthor = z.object({
  user: z.string(),
  /** Section ids, in first-change order; `*` for `sections`, `meta` or `actors`. */
  sections: z.readonly(z.array(z.string())),
})

/** Who changed which sections between a version and the one before it. */
export type VersionAuthor = z.infer<typeof versionAuthor>

/** A version as the API answers it. */
export const versionAnswer = z.object({
  id: z.number(),
  seq: z.number(),
  kind: z.enum(versionKinds),
  name: z.optional(z.string()),
  /** Published versions only: why it was published before every section was approved in both languages. */
  reason: z.optional(z.string()),
  /** ISO 8601. */
  createdAt: z.string(),
  /** A username, or `system` for automatic versions. */
  createdBy: z.string(),
  authors: z.readonly(z.array(versionAuthor)),
})

/** A version as the API answers it. */
export type VersionJSON = z.infer<typeof versionAnswer>

/** `GET /versions`: newest first. */
export const versionList = z.array(versionAnswer)

/** `POST /restore`: the new `restore` version and the automatic one taken before it. */
export const restoreAnswer = z.object({ version: versionAnswer, before: versionAnswer })

/** `GET /diff`: the two ends and the changed sections (their shape is `schema/diff/`'s). */
export const diffAnswer = z.object({
  from: versionAnswer,
  to: z.union([versionAnswer, z.object({ id: z.literal('current') })]),
  sections: z.array(
    z.custom<SectionDiff>(
      (value) => typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string',
    ),
  ),
})

/** `GET /diff`. */
export type DiffAnswer = z.infer<typeof diffAnswer>

/** Longest version name, in characters. */
export const maxVersionNameLength = 200

const nameMessage = `name must be text of 1 to ${maxVersionNameLength} characters (spaces around it are dropped).`
const versionIdMessage = 'version must be a version id: a positive integer such as 3.'

/** A version id as a body sends it: a positive integer, or its decimal text. */
export const versionId = z.pipe(
  z.union(
    [z.int().check(z.positive(), z.maximum(9_999_999_999)), text(versionIdMessage, z.regex(/^[1-9][0-9]{0,9}$/))],
    { error: versionIdMessage },
  ),
  z.transform(Number),
)

/** `POST /versions {name}`. */
export const versionName: BodyContract<{ name: string }> = {
  schema: z.object({
    name: z.pipe(
      z.string({ error: nameMessage }),
      z.pipe(
        z.transform((name: string) => name.trim()),
        z.string().check(z.minLength(1, nameMessage), z.maxLength(maxVersionNameLength, nameMessage)),
      ),
    ),
  }),
  shape: '{name}',
  fields: { name: { status: 422, code: 'bad-name' } },
}

/** `POST /restore {version}`. */
export const restoreTarget: BodyContract<{ version: number }> = {
  schema: z.object({ version: versionId }),
  shape: '{version}',
  fields: { version: { status: 400, code: 'bad-version' } },
}

/** Longest reason for publishing before every section is approved, in characters. */
export const maxPublishReasonLength = 2000

const reasonMessage = `reason must be text of 1 to ${maxPublishReasonLength} characters (spaces around it are dropped).`

/**
 * `POST /publish {version?, reason?}`: without a version, the current state is published. Unless
 * every section is approved in both languages, a reason is required; it is kept with the version.
 */
export const publishTarget: BodyContract<{ version?: number | undefined; reason?: string | undefined }> = {
  schema: z.object({
    version: z.optional(versionId),
    reason: z.optional(
      z.pipe(
        z.string({ error: reasonMessage }),
        z.pipe(
          z.transform((reason: string) => reason.trim()),
          z.string().check(z.minLength(1, reasonMessage), z.maxLength(maxPublishReasonLength, reasonMessage)),
        ),
      ),
    ),
  }),
  shape: '{version?, reason?}',
  fields: { version: { status: 400, code: 'bad-version' }, reason: { status: 422, code: 'bad-reason' } },
}
