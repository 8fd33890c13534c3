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

/** The last stored change to one body: its log position, and who made it when the log still holds that entry. */
export const bodyChange = z.object({ seq: z.number(), by: z.optional(z.string()), at: z.optional(z.number()) })

/** One row of the review dashboard: a section's sign-off, activity and open work, per language. */
export const dashboardSection = z.object({
  id: z.string(),
  kind: z.enum(['narrative', 'actor']),
  actor: z.optional(z.string()),
  heading: z.object({ es: z.string(), en: z.string() }),
  review: sectionReviews,
  /** null: not changed since the report was imported. */
  lastChange: z.object({ es: z.nullable(bodyChange), en: z.nullable(bodyChange) }),
  /** Aligned pairs with text, and how many are in step. */
  translation: z.object({ pairs: z.number(), inStep: z.number() }),
  /** Open threads per language, and resolved ones. */
  comments: z.object({ es: z.number(), en: z.number(), resolved: z.number() }),
  /** QA findings over the section's pairs. */
  findings: z.number(),
})

/** `GET /api/reports/:id/review`: every section in reading order, and the log position it was read at. */
export const reviewDashboard = z.object({ seq: z.number(), sections: z.array(dashboardSection) })

/** `GET /api/reports/:id/review`. */
export type ReviewDashboard = z.infer<typeof reviewDashboard>
/** One row of {@link ReviewDashboard}. */
export type DashboardSection = z.infer<typeof dashboardSection>
