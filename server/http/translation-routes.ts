// Translation status: `/api/reports/:id/translation`, marks, and the source diff of a pair.

import { Router } from 'express'
import * as Y from 'yjs'
import { pairMark } from '../../schema/api/translation-status.ts'
import { isSlug } from '../../schema/check.ts'
import { textUnits } from '../../schema/diff/text-units.ts'
import { wordDiff } from '../../schema/diff/word-diff.ts'
import type { Report } from '../../schema/report.ts'
import { translationOverview, type BlockTranslation } from '../../schema/translation/overview.ts'
import { sourceSide } from '../../schema/translation/pair-status.ts'
import { sectionBodyJSON } from '../../schema/ydoc.ts'
import { authenticate, principalOf, requireRole } from '../auth/authenticate.ts'
import type { ReportDocument } from '../collab/report-document.ts'
import type { AppContext } from '../context.ts'
import { conflict, notFound } from '../errors.ts'
import { StorageError, type BlockStateRecord } from '../storage/storage.ts'
import type { TranslationTracker } from '../versions/translation-tracker.ts'
import { recordsOf } from '../versions/block-records.ts'
import { readBody } from './read-body.ts'

function blockOf(
  report: Report,
  states: readonly BlockStateRecord[],
  section: string,
  block: string,
): BlockTranslation {
  const one = report.sections.find((entry) => entry.id === section)
  if (one === undefined) throw notFound(`No section "${section}".`)
  const [overview] = translationOverview({ ...report, sections: [one] }, recordsOf(states))
  const found = overview?.blocks.find((entry) => entry.id === block)
  if (found === undefined) throw notFound(`Section "${section}" has no block "${block}" with text.`)
  return found
}

/** The routes of translation status; `tracker` keeps the per-block history current. */
export function translationRoutes({ storage, registry }: AppContext, tracker: TranslationTracker): Router {
  const router = Router()
  router.use('/api/reports/:id/translation', authenticate(storage))

  /** The live report and its block records, once the records of every stored change are written. */
  const current = async (
    id: string,
  ): Promise<{ report: Report; states: BlockStateRecord[]; seq: number; document: ReportDocument }> => {
    const result = isSlug(id)
      ? await registry.with(id, async (document) => {
          await tracker.idle(document)
          return {
            report: document.report(),
            states: await storage.listBlockStates(id),
            seq: document.lastSeq,
            document,
          }
        })
      : undefined
    if (result === undefined) throw notFound(`No report "${id}".`)
    return result
  }

  router.get('/api/reports/:id/translation', async (req, res) => {
    const { report, states } = await current(req.params.id)
    res.json({ sections: translationOverview(report, recordsOf(states)) })
  })

  router.post('/api/reports/:id/translation/marks', requireRole('translator', 'editor', 'admin'), async (req, res) => {
    const id = String(req.params.id)
    const { section, block, mark } = readBody(pairMark, req.body)
    const { report, states, seq } = await current(id)
    blockOf(report, states, section, block)
    const { user } = principalOf(res)
    const saved = await storage.markBlock(id, section, block, mark, user.username, seq, Date.now())
    res.json(
      blockOf(report, [...states.filter((s) => s.section !== section || s.block !== block), saved], section, block),
    )
  })

  router.get('/api/reports/:id/translation/:section/:block/source-diff', async (req, res) => {
    const { id, section, block } = req.params
    const { report, states } = await current(id)
    const pair = blockOf(report, states, section, block)
    const source = sourceSide(pair.status)
    const since = pair.inStepAt
    if (source === null) {
      res.json({ status: pair.status, source, since, words: [] })
      return
    }
    // In step at 0 means "since import": the state after log entry 1.
    let state: Uint8Array
    try {
      state = await storage.stateAt(id, Math.max(since, 1))
    } catch (error) {
      if (error instanceof StorageError && error.code === 'compacted')
        throw conflict(
          'history-compacted',
          `The state at seq ${since}, when this pair was last in step, was merged by compaction; mark the pair again to start a new base.`,
        )
      throw error
    }
    const doc = new Y.Doc()
    let before = ''
    try {
      Y.applyUpdate(doc, state)
      before = textUnits(sectionBodyJSON(doc, source, section)).units.find((unit) => unit.key === block)?.text ?? ''
    } finally {
      doc.destroy()
    }
    res.json({ status: pair.status, source, since, words: wordDiff(before, pair[source]) })
  })
  return router
}
