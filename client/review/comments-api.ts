import { commentList, commentThread } from '../../schema/api/comments.ts'
import type { CommentThread } from '../../schema/comments.ts'
import type { Language } from '../../schema/languages.ts'
import * as z from 'zod/mini'
import { parseAnswer, request } from '../app/api.ts'

export type { CommentThread }

const created = z.object({ id: z.string() })

function base(reportId: string): string {
  return `/api/reports/${encodeURIComponent(reportId)}/comments`
}

/** `GET /comments`: every thread with its anchor where it is now. Throws `ApiError`. */
export async function listComments(reportId: string): Promise<CommentThread[]> {
  return parseAnswer(commentList, await request('GET', base(reportId)), 'comment list')
}

/** `POST /comments`: a new thread on the range `from`–`to` (ProseMirror positions) of a body. */
export async function startThread(
  reportId: string,
  thread: { section: string; lang: Language; from: number; to: number; text: string },
): Promise<string> {
  return parseAnswer(created, await request('POST', base(reportId), thread), 'new comment').id
}

/** `POST /comments {reply, text}`. */
export async function replyTo(reportId: string, threadId: string, text: string): Promise<void> {
  parseAnswer(created, await request('POST', base(reportId), { reply: threadId, text }), 'reply')
}

/** `PATCH /comments/:cid {resolved}`. */
export async function setResolved(reportId: string, threadId: string, resolved: boolean): Promise<CommentThread> {
  return parseAnswer(
    commentThread,
    await request('PATCH', `${base(reportId)}/${encodeURIComponent(threadId)}`, { resolved }),
    'comment thread',
  )
}
