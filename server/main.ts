// `npm start`: reads the environment, starts the server, prints where and how to sign in, and
// stops cleanly on SIGTERM/SIGINT.

import { startServer, type ServerOptions } from './app.ts'
import { EnvironmentError, serverOptionsFromEnvironment } from './environment.ts'
import { logEvent } from './log.ts'

const write = (line: string): void => console.log(line)

let options: ServerOptions
try {
  options = serverOptionsFromEnvironment(process.env)
} catch (error) {
  if (!(error instanceof EnvironmentError)) throw error
  // Refuse to start: a limit or port that was meant to be set but cannot be read must not silently become the default.
  logEvent(write, { level: 'error', event: 'config', message: `not starting: ${error.message}` })
  console.error(`cotejo is not starting: ${error.message}`)
  process.exit(1)
}
const { dataDir } = options
const server = await startServer(options)
logEvent(write, {
  level: 'info',
  event: 'start',
  message: `cotejo listening on ${server.url} (data in ${options.databaseUrl ? 'PostgreSQL' : dataDir}${options.redisUrl ? ', other instances through Redis' : ''}); sign in at ${server.url}/ as "admin" with ADMIN_PASSWORD, or the password printed above on first start`,
})

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
        logEvent(write, { level: 'error', event: 'error', message: 'stopping failed', error })
        process.exit(1)
      },
    )
  })
}
