// Sign-off per section and language (interface.md: `POST /api/reports/:id/sections/:sid/review`).

import * as z from 'zod/mini'
import { languages, type Language } from '../languages.ts'
import { reviewActions, reviewStates, type ReviewAction } from '../review.ts'
import type { BodyContract } from './contract.ts'

/** `POST /sections/:sid/review {lang, action}`. */
export const reviewRequest: BodyContract<{ lang: Language; action: ReviewAction }> = {
  schema: z.object({
    lang: z.enum(languages, { error: 'lang must be "es" or "en".' }),
    action: z.enum(reviewActions, { error: 'action must be "submit", "approve" or "reopen".' }),
  }),
  shape: '{lang, action}',
  fields: { lang: { status: 400, code: 'bad-language' }, action: { status: 400, code: 'bad-action' } },
}

/** One body's sign-off as answered. */
export const reviewAnswer = z.object({
  state: z.enum(reviewStates),
  by: z.optional(z.string()),
  at: z.optional(z.number()),
})

/** The answer to a review action: the section, the language and its sign-off now. */
export const reviewStepAnswer = z.object({ section: z.string(), lang: z.enum(languages), review: reviewAnswer })

/** `review` of each section in `GET /api/reports/:id`. */
export const sectionReviews = z.object({ es: reviewAnswer, en: reviewAnswer })
