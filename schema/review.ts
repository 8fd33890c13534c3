// Sign-off per section and language (design.md, "Review before publication"; interface.md,
// `/sections/:sid/review`): drafting → submitted → approved, and back to drafting when an editor
// reopens it. An approved body is read-only for everyone until reopened; the server's guard
// enforces it, the client shows it.
//
// Kept in the Y.Doc (root `review`, written only by the server), so every browser sees a sign-off
// live, a version records the sign-offs of its time, and the guard reads them from the same
// candidate document it judges.

import type * as Y from 'yjs'
import type { Language } from './languages.ts'
import { mayEditOutline, type Permissions } from './roles.ts'
import { fragmentName, reviewKey } from './ydoc.ts'

/** Where a body is in its sign-off. */
export const reviewStates = ['drafting', 'submitted', 'approved'] as const
export type ReviewState = (typeof reviewStates)[number]

/** What a person does to a sign-off. */
export const reviewActions = ['submit', 'approve', 'reopen'] as const
export type ReviewAction = (typeof reviewActions)[number]

/** A body's sign-off: its state and who moved it there, when (absent while drafting from the start). */
export interface Review {
  readonly state: ReviewState
  /** Who submitted, approved or reopened it last. */
  readonly by?: string
  /** When (ms since the epoch). */
  readonly at?: number
}

/** A body no one has submitted yet. */
export const drafting: Review = { state: 'drafting' }

function isReview(value: unknown): value is Review {
  if (typeof value !== 'object' || value === null) return false
  const { state, by, at } = value as Record<string, unknown>
  return (
    (reviewStates as readonly string[]).includes(state as string) &&
    (by === undefined || typeof by === 'string') &&
    (at === undefined || typeof at === 'number')
  )
}

/** The sign-off of one body (`drafting` when none was recorded, or what is recorded is not one). */
export function reviewOf(doc: Y.Doc, language: Language, sectionId: string): Review {
  const value = doc.getMap<unknown>(reviewKey).get(fragmentName(language, sectionId))
  return isReview(value) ? value : drafting
}

/** The body roots (`es/<id>`, `en/<id>`) that are approved: read-only for everyone. */
export function approvedBodies(doc: Y.Doc): Set<string> {
  const approved = new Set<string>()
  for (const [name, value] of doc.getMap<unknown>(reviewKey))
    if (isReview(value) && value.state === 'approved') approved.add(name)
  return approved
}

/** Records `review` for one body (the server, in a server change). */
export function writeReview(doc: Y.Doc, language: Language, sectionId: string, review: Review): void {
  doc.getMap<unknown>(reviewKey).set(fragmentName(language, sectionId), { ...review })
}

/** Why an action on a sign-off is refused: who may not do it, or the state does not allow it. */
export type ReviewRefusal = { readonly kind: 'forbidden' | 'conflict'; readonly message: string }

/**
 * The state `action` by `who` leads to from `current`, for a body of a section whose actor is
 * `actor` (undefined: narrative), or why it is refused. Submit: the section's agency, a translator
 * (the translation is theirs), or an editor, from drafting. Approve: an editor, from drafting or
 * submitted. Reopen: an editor, from submitted or approved.
 */
export function reviewStep(
  current: ReviewState,
  action: ReviewAction,
  who: Permissions,
  actor: string | undefined,
): ReviewState | ReviewRefusal {
  const editor = mayEditOutline(who)
  switch (action) {
    case 'submit': {
      const mayShip =
        editor ||
        who.role === 'translator' ||
        (who.role === 'agency' && actor !== undefined && who.actors.includes(actor))
      if (!mayShip)
        return {
          kind: 'forbidden',
          message: `A ${who.role} may not submit this section: its agency, a translator or an editor submits it.`,
        }
      if (current !== 'drafting') return { kind: 'conflict', message: `The section is ${current} already.` }
      return 'submitted'
    }
    case 'approve':
      if (!editor) return { kind: 'forbidden', message: 'Only an editor approves a section.' }
      if (current === 'approved') return { kind: 'conflict', message: 'The section is approved already.' }
      return 'approved'
    case 'reopen':
      if (!editor) return { kind: 'forbidden', message: 'Only an editor reopens a section.' }
      if (current === 'drafting')
        return { kind: 'conflict', message: 'The section is being drafted: there is nothing to reopen.' }
      return 'drafting'
  }
}
