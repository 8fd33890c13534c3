// `npm start`: reads the environment, starts the server, prints where and how to sign in, and
// stops cleanly on SIGTERM/SIGINT.

import { resolve } from 'node:path'
import { startServer } from './app.ts'
import { errorText, logEvent } from './log.ts'

const write = (line: string): void => console.log(line)

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 8080
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`PORT must be a number from 0 to 65535, not "${value}".`)
  return port
}

const dataDir = resolve(process.env.DATA_DIR || './data')
const server = await startServer({
  port: portFrom(process.env.PORT),
  host: process.env.HOST || '127.0.0.1',
  dataDir,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
  ...(process.env.ADMIN_PASSWORD ? { adminPassword: process.env.ADMIN_PASSWORD } : {}),
  seed: process.env.SEED !== '0',
})
logEvent(write, { level: 'info', event: 'start', message: `cotejo listening on ${server.url} (data in ${process.env.DATABASE_URL ? 'PostgreSQL' : dataDir}${process.env.REDIS_URL ? ', other instances through Redis' : ''}); sign in at ${server.url}/ as "admin" with ADMIN_PASSWORD, or the password printed above on first start` })

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logEvent(write, { level: 'info', event: 'stop', message: `${signal}: storing everything and stopping` })
    server.close().then(
      () => {
        logEvent(write, { level: 'info', event: 'stopped', message: 'everything stored; exiting' })
        process.exit(0)
      },
      (error: unknown) => {
        logEvent(write, { level: 'error', event: 'error', message: `stopping failed: ${errorText(error)}` })
        process.exit(1)
      },
    )
  })
}
