// The reference y-websocket server (@y/websocket-server 0.1.1, Yjs 13, in memory), holding the
// annual report. Prints `READY {"port":…}`. Benchmark use only: it is the comparison, not our server.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils'
import { annualReportId, annualReportUpdate } from '../lib/annual-report.ts'

// REFERENCE_LAZY=1 (memory-per-report): the report is put in memory when its first client
// connects, as our server loads it, so both deltas include the report. Otherwise it is in memory
// from the start (the in-memory reference of the other rows).
const lazy = process.env['REFERENCE_LAZY'] === '1'
let loaded = false
const load = (): void => {
  if (loaded) return
  loaded = true
  Y.applyUpdate(getYDoc(annualReportId), annualReportUpdate())
}
if (!lazy) load()
const sockets = new WebSocketServer({ noServer: true })
const server = createServer((_request, response) => response.end('okay'))
server.on('upgrade', (request, socket, head) => {
  load()
  sockets.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request))
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  console.log(`READY ${JSON.stringify({ port, wsBase: `ws://127.0.0.1:${port}`, room: annualReportId })}`)
})
// SIGUSR2: collect garbage now and print the live memory (memory-per-report, for every system alike).
process.on('SIGUSR2', () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const { heapUsed, external, rss } = process.memoryUsage()
  console.log(`MEMORY ${JSON.stringify({ heapUsed, external, rss })}`)
})
process.on('SIGTERM', () => process.exit(0))
