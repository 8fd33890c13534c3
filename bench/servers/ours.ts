// Our server, with durable writes as in production, in a temporary data directory seeded with the
// bundled documents. Prints `READY {"port":…, "token":…}` with an editor's token for the load.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../../server/app.ts'
import { noCollabLimits } from '../../server/collab/limits.ts'
import { annualReportId } from '../lib/annual-report.ts'

// BENCH_DATA_DIR reuses a store (to open a report that is only in storage); otherwise a fresh one.
const reused = process.env['BENCH_DATA_DIR']
const dataDir = reused ?? mkdtempSync(join(tmpdir(), 'cotejo-bench-'))
const adminPassword = 'bench-admin-password'
// The load generator plays hundreds of people from one loopback address with one account, and its
// writers type faster than a person; the abuse limits (which guard against one person flooding)
// would refuse it, so they are off here.
const limits = noCollabLimits
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  adminPassword,
  seed: true,
  limits,
  log: () => {},
})
const response = await fetch(`${server.url}/api/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: adminPassword }),
})
const { token } = (await response.json()) as { token: string }
// BENCH_PROFILE=<dir> records a CPU profile of this process until it is stopped (node's --cpu-prof
// is not allowed in NODE_OPTIONS, and this keeps the pinned process the measured one).
const profileDir = process.env['BENCH_PROFILE']
const profiler = profileDir ? new Session() : undefined
if (profiler) {
  profiler.connect()
  profiler.post('Profiler.enable')
  profiler.post('Profiler.start')
}
console.log(
  `READY ${JSON.stringify({ port: server.port, wsBase: `ws://127.0.0.1:${server.port}/collab`, room: annualReportId, token, dataDir })}`,
)
// SIGUSR2: collect garbage now and print the live memory (memory-per-report, for every system alike).
process.on('SIGUSR2', () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const { heapUsed, external, rss } = process.memoryUsage()
  console.log(`MEMORY ${JSON.stringify({ heapUsed, external, rss })}`)
})
process.on('SIGTERM', () => {
  // The in-process inspector answers synchronously: the profile is written before the exit.
  profiler?.post('Profiler.stop', (error, result) => {
    if (error || !profileDir) return
    mkdirSync(profileDir, { recursive: true })
    writeFileSync(join(profileDir, `ours-${Date.now()}.cpuprofile`), JSON.stringify(result.profile))
  })
  void server.close().then(() => {
    if (!reused) rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  })
})
