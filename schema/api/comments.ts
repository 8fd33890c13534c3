// Comment threads (interface.md: `/api/reports/:id/comments`).

import * as z from 'zod/mini'
import type { CommentThread } from '../comments.ts'
import { languages, type Language } from '../languages.ts'
import { text, type BodyContract } from './contract.ts'

/** The longest comment or reply, in characters: a paragraph of review, not a document. */
export const maxCommentLength = 5000

const commentText = text(
  `text must be the comment: 1 to ${maxCommentLength} characters.`,
  z.minLength(1, 'text must not be empty.'),
  z.maxLength(maxCommentLength, `text must be at most ${maxCommentLength} characters.`),
  z.refine((value) => value.trim() !== '', 'text must not be only spaces.'),
)
const position = (name: string) =>
  z.number({ error: `${name} must be a position in the body: an integer ≥ 0.` }).check(z.int(), z.nonnegative())

/** `POST /comments {section, lang, from, to, text}`: a new thread on a range of a body. */
export const newThread: BodyContract<{ section: string; lang: Language; from: number; to: number; text: string }> = {
  schema: z.object({
    section: text(
      'section must be a section id.',
      z.minLength(1, 'section must be a section id.'),
      z.maxLength(200, 'section must be a section id.'),
    ),
    lang: z.enum(languages, { error: 'lang must be "es" or "en".' }),
    from: position('from'),
    to: position('to'),
    text: commentText,
  }),
  shape: '{section, lang, from, to, text} or {reply, text}',
  fields: {
    text: { status: 400, code: 'bad-comment' },
    lang: { status: 400, code: 'bad-language' },
    from: { status: 400, code: 'bad-range' },
    to: { status: 400, code: 'bad-range' },
  },
}

/** `POST /comments {reply, text}`: a reply to the thread `reply`. */
export const reply: BodyContract<{ reply: string; text: string }> = {
  schema: z.object({
    reply: text('reply must be the id of a thread.', z.minLength(1, 'reply must be the id of a thread.')),
    text: commentText,
  }),
  shape: '{reply, text}',
  fields: { text: { status: 400, code: 'bad-comment' } },
}

/** `PATCH /comments/:cid {resolved}`. */
export const threadPatch: BodyContract<{ resolved: boolean }> = {
  schema: z.object({ resolved: z.boolean({ error: 'resolved must be true or false.' }) }),
  shape: '{resolved}',
  fields: { resolved: { status: 400, code: 'bad-resolved' } },
}

const entry = z.object({ author: z.string(), text: z.string(), at: z.number() })

/** One thread as `GET /comments` answers it. */
export const commentThread = z.object({
  id: z.string(),
  section: z.string(),
  lang: z.enum(languages),
  quote: z.string(),
  resolved: z.boolean(),
  thread: z.array(entry),
  anchor: z.nullable(z.object({ from: z.number(), to: z.number(), text: z.string() })),
}) satisfies z.ZodMiniType<CommentThread>

/** `GET /comments`. */
export const commentList = z.array(commentThread)
