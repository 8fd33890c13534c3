// The Hocuspocus reference server (@hocuspocus/server 3, in memory with its default debounce),
// holding the annual report. Prints `READY {"port":…}`. Benchmark use only.
import { Server } from '@hocuspocus/server'
import * as Y from 'yjs'
import { annualReportUpdate } from '../lib/annual-report.ts'

const update = annualReportUpdate()
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ document }) {
    Y.applyUpdate(document, update)
    return document
  },
})
await server.listen(0)
const port = server.address.port
console.log(`READY ${JSON.stringify({ port, wsBase: `ws://127.0.0.1:${port}` })}`)
// SIGUSR2: collect garbage now and print the live memory (memory-per-report, for every system alike).
process.on('SIGUSR2', () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const { heapUsed, external, rss } = process.memoryUsage()
  console.log(`MEMORY ${JSON.stringify({ heapUsed, external, rss })}`)
})
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)))
