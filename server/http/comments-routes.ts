// Comment threads: `GET/POST /api/reports/:id/comments`, `PATCH /api/reports/:id/comments/:cid`.

import { randomUUID } from 'node:crypto'
import { Router } from 'express'
import * as Y from 'yjs'
import { newThread, reply, threadPatch } from '../../schema/api/comments.ts'
import {
  BodyPositions,
  storedThread,
  storedThreads,
  writeThread,
  type CommentThread,
  type StoredThread,
} from '../../schema/comments.ts'
import { mayEditOutline } from '../../schema/roles.ts'
import { sectionsOf } from '../../schema/ydoc.ts'
import { authenticate, principalOf } from '../auth/authenticate.ts'
import type { ReportDocument } from '../collab/report-document.ts'
import type { AppContext } from '../context.ts'
import { badRequest, forbidden, notFound } from '../errors.ts'
import { withLiveReport } from './live-report.ts'
import { readBody } from './read-body.ts'

/** The positions of a copy of the live document: y-prosemirror may delete what it cannot read, and must not on the live one. */
function positionsOf(document: ReportDocument): BodyPositions {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(document.doc))
  return new BodyPositions(copy)
}

/** A stored thread as answered: its anchor where it is now. */
function answered(thread: StoredThread, positions: BodyPositions): CommentThread {
  const { from: _from, to: _to, ...rest } = thread
  return { ...rest, anchor: positions.resolve(thread) }
}

/**
 * Anyone signed in may comment, viewers included: a comment is stored by the server in the
 * `comments` root, which no client may write, so commenting is no way around the guard. The
 * thread's author or an editor resolves and reopens it.
 */
export function commentsRoutes({ storage, registry }: AppContext): Router {
  const router = Router()
  router.use('/api/reports/:id/comments', authenticate(storage))

  const withDocument = <T>(id: string, use: (document: ReportDocument) => Promise<T> | T): Promise<T> =>
    withLiveReport(registry, id, use)

  router.get('/api/reports/:id/comments', async (req, res) => {
    const threads = await withDocument(String(req.params.id), (document) => {
      const positions = positionsOf(document)
      return storedThreads(document.doc).map((thread) => answered(thread, positions))
    })
    res.json(threads)
  })

  router.post('/api/reports/:id/comments', async (req, res) => {
    const { user } = principalOf(res)
    const isReply = typeof req.body === 'object' && req.body !== null && 'reply' in req.body
    const id = await withDocument(String(req.params.id), async (document) => {
      const at = Date.now()
      if (isReply) {
        const { reply: threadId, text } = readBody(reply, req.body)
        const thread = storedThread(document.doc, threadId)
        if (thread === undefined) throw notFound(`No comment thread "${threadId}" in this report.`)
        await document.applyServerChange(user.username, (doc) => {
          // Read again inside the change: another reply may have been stored meanwhile.
          const now = storedThread(doc, threadId) ?? thread
          writeThread(doc, { ...now, thread: [...now.thread, { author: user.username, text, at }] })
        })
        return threadId
      }
      const { section, lang, from, to, text } = readBody(newThread, req.body)
      if (!sectionsOf(document.doc).some((entry) => entry.id === section))
        throw notFound(`No section "${section}" in this report.`)
      const positions = positionsOf(document)
      const size = positions.size(lang, section)
      if (from >= to || to > size)
        throw badRequest(
          'bad-range',
          `from and to must be a range of the body: 0 ≤ from < to ≤ ${size}; got ${from}–${to}.`,
        )
      const quote = positions.textBetween(lang, section, from, to)
      if (quote.trim() === '') throw badRequest('bad-range', `The range ${from}–${to} holds no text to comment on.`)
      const thread: StoredThread = {
        id: randomUUID(),
        section,
        lang,
        ...positions.anchor(lang, section, from, to),
        quote,
        resolved: false,
        thread: [{ author: user.username, text, at }],
      }
      await document.applyServerChange(user.username, (doc) => writeThread(doc, thread))
      return thread.id
    })
    res.status(201).json({ id })
  })

  router.patch('/api/reports/:id/comments/:cid', async (req, res) => {
    const { user } = principalOf(res)
    const { resolved } = readBody(threadPatch, req.body)
    const cid = String(req.params.cid)
    const thread = await withDocument(String(req.params.id), async (document) => {
      const thread = storedThread(document.doc, cid)
      if (thread === undefined) throw notFound(`No comment thread "${cid}" in this report.`)
      if (thread.thread[0]?.author !== user.username && !mayEditOutline(user)) {
        throw forbidden('Only the author of the thread or an editor resolves or reopens it.')
      }
      await document.applyServerChange(user.username, (doc) =>
        writeThread(doc, { ...(storedThread(doc, cid) ?? thread), resolved }),
      )
      return answered({ ...thread, resolved }, positionsOf(document))
    })
    res.json(thread)
  })
  return router
}
