// Translation status and marks (interface.md: `/api/reports/:id/translation…`).

import * as z from 'zod/mini'
import type { WordChange } from '../diff/word-diff.ts'
import type { BlockTranslation, SectionTranslation } from '../translation/overview.ts'
import type { TranslationMark, TranslationStatus } from '../translation/pair-status.ts'
import { text, type BodyContract } from './contract.ts'

/** The marks a person can record on a pair. */
export const translationMarks = ['translated', 'reviewed'] as const satisfies readonly TranslationMark[]

const idMessage = (name: string): string => `${name} must be a non-empty id.`
const id = (name: string): z.ZodMiniString<string> =>
  text(idMessage(name), z.minLength(1, idMessage(name)), z.maxLength(200, idMessage(name)))

/** `POST /translation/marks {section, block, mark}`. */
export const pairMark: BodyContract<{ section: string; block: string; mark: TranslationMark }> = {
  schema: z.object({
    section: id('section'),
    block: id('block'),
    mark: z.enum(translationMarks, { error: 'mark must be "translated" or "reviewed".' }),
  }),
  shape: '{section, block, mark}',
  fields: { mark: { status: 400, code: 'bad-mark' } },
}

const hasStatus = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'string'

/** `GET /translation`: sections with their pairs, outdated first (their shape is `schema/translation/`'s). */
export const translationAnswer = z.object({ sections: z.array(z.custom<SectionTranslation>(hasStatus)) })

/** `POST /translation/marks`: the pair, marked and in step. */
export const markedPair = z.custom<BlockTranslation>(hasStatus)

/** `GET /translation/:section/:block/source-diff`: what the source side said since the pair was in step. */
export const sourceDiffAnswer = z.object({
  status: z.custom<TranslationStatus>((value) => typeof value === 'string'),
  source: z.nullable(z.enum(['es', 'en'])),
  since: z.number(),
  words: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
})

/** `GET /translation/:section/:block/source-diff`. */
export type SourceDiff = z.infer<typeof sourceDiffAnswer>

export type { WordChange }
