import { describe, expect, it } from 'vitest'
import { AppliedSeqs } from '../../../server/collab/applied-seqs.ts'
import { CatchUp } from '../../../server/collab/catch-up.ts'
import type { LoadedLog } from '../../../server/storage/storage.ts'

describe('AppliedSeqs', () => {
  it('advances over seqs that arrive out of order and counts each once', () => {
    const seqs = new AppliedSeqs(3)
    expect(seqs.add(5), 'a new seq is added').toBe(true)
    expect({ last: seqs.last, exact: seqs.exact }).toEqual({ last: 3, exact: false })
    // 5 again, 2 (before the last), then 4: added or not.
    expect([seqs.add(5), seqs.add(2), seqs.add(4)]).toEqual([false, false, true])
    expect({ last: seqs.last, exact: seqs.exact }).toEqual({ last: 5, exact: true })
  })

  it('takes a checkpoint as everything up to its seq, keeping what is after it', () => {
    const seqs = new AppliedSeqs(1)
    seqs.add(4)
    seqs.add(9)
    seqs.addThrough(7)
    expect({ last: seqs.last, exact: seqs.exact, has9: seqs.has(9), has8: seqs.has(8) }).toEqual({
      last: 7,
      exact: false,
      has9: true,
      has8: false,
    })
    seqs.add(8)
    expect(seqs.last).toBe(9)
  })
})

describe('CatchUp', () => {
  const empty: LoadedLog = { checkpoint: undefined, updates: [], lastSeq: 0 }

  it('joins a read queued but not started, and reads again after one that started', async () => {
    const reads: number[] = []
    let release: () => void = () => {}
    const catchUp = new CatchUp({
      read: async (after) => {
        reads.push(after)
        await new Promise<void>((resolve) => (release = resolve))
        return empty
      },
      lastSeq: () => reads.length,
      apply: () => {},
      live: () => true,
      onBackgroundFailure: () => {},
    })
    const first = catchUp.run()
    await Promise.resolve()
    const second = catchUp.run()
    const third = catchUp.run()
    expect(third).toBe(second)
    release()
    await first
    await new Promise((resolve) => setTimeout(resolve, 0))
    release()
    await second
    expect(reads).toEqual([0, 1])
  })

  it('reports a failed background read once, and a later read still runs', async () => {
    const failures: string[] = []
    let fail = true
    const catchUp = new CatchUp({
      read: async () => {
        if (fail) throw new Error('storage down')
        return empty
      },
      lastSeq: () => 0,
      apply: () => {},
      live: () => true,
      onBackgroundFailure: (error) => failures.push(String(error)),
    })
    catchUp.inBackground()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(failures).toEqual(['Error: storage down'])
    fail = false
    await expect(catchUp.run()).resolves.toBeUndefined()
  })
})
