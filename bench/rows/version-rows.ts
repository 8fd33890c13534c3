import { performance } from 'node:perf_hooks'
import { absoluteRow, type BenchRow } from '../lib/row.ts'
import { median } from '../lib/stats.ts'
import { runLoad, startSystem } from '../lib/systems.ts'

/**
 * `version-rebuild`: after `updates` logged updates with a version named every tenth of them,
 * the time to get any version back (`GET /api/reports/:id/versions/:vid`, the report as it was,
 * rebuilt from storage). The value is the slowest version's median of 5 requests.
 */
export async function versionRebuildRow(updates: number): Promise<BenchRow> {
  const running = await startSystem('ours')
  const httpBase = running.target.wsBase.replace(/^ws/, 'http').replace(/\/collab$/, '')
  try {
    const { versions } = (await runLoad('bench/load/log-writer.ts', {
      ...running.target,
      updates,
      httpBase,
    })) as unknown as { versions: number[] }
    const perVersion: Record<string, number> = {}
    for (const id of versions) {
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const startedAt = performance.now()
        const response = await fetch(`${httpBase}/api/reports/${running.target.room}/versions/${id}`, {
          headers: { authorization: `Bearer ${running.target.token}` },
        })
        if (!response.ok) throw new Error(`rebuilding version ${id} failed: ${response.status}`)
        await response.arrayBuffer()
        times.push(performance.now() - startedAt)
      }
      perVersion[id] = median(times)
    }
    const value = Math.max(...Object.values(perVersion))
    return absoluteRow(
      { name: 'version-rebuild', value, unit: 'ms', target: 'value < 100', details: { updates, perVersion } },
      (v) => v < 100,
    )
  } finally {
    await running.child.stop()
  }
}
