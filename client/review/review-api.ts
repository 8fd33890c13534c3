import { reviewDashboard, reviewStepAnswer, type ReviewDashboard } from '../../schema/api/review.ts'
import type { Language } from '../../schema/languages.ts'
import type { ReviewAction } from '../../schema/review.ts'
import { parseAnswer, request } from '../app/api.ts'

export type { ReviewDashboard }

const base = (reportId: string): string => `/api/reports/${encodeURIComponent(reportId)}`

/** `GET /review`: the dashboard's rows. Throws `ApiError`. */
export async function getReviewDashboard(reportId: string): Promise<ReviewDashboard> {
  return parseAnswer(reviewDashboard, await request('GET', `${base(reportId)}/review`), 'review dashboard')
}

/** `POST /sections/:sid/review {lang, action}`: the body's sign-off after the action. */
export async function moveReview(
  reportId: string,
  section: string,
  lang: Language,
  action: ReviewAction,
): Promise<{ state: string }> {
  const answer = parseAnswer(
    reviewStepAnswer,
    await request('POST', `${base(reportId)}/sections/${encodeURIComponent(section)}/review`, { lang, action }),
    'review step',
  )
  return answer.review
}
