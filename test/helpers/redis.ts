// Start a private Redis server from Debian's packages on loopback, for tests of several instances.
// In memory only (no RDB/AOF files): the bus carries nothing that storage does not also hold.

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { freePort } from './ports.ts'

/** Where Debian installs the server. */
const redisServerPath = '/usr/bin/redis-server'

/** Starting or stopping ends with an error after this long. */
const waitLimitMs = 15_000

/** A Redis server of one test. */
export interface RunningRedis {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /** Stops it (SIGKILL: the clients see the connection drop, as in an outage). */
  stop(): Promise<void>
  /** Starts it again on the same port (empty: subscriptions must be renewed by the clients). */
  start(): Promise<void>
}

/** Resolves once something accepts TCP connections on `port`. */
async function waitForPort(port: number, up: boolean): Promise<void> {
  const start = Date.now()
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open === up) return
    if (Date.now() - start > waitLimitMs)
      throw new Error(`Redis on port ${port} did not ${up ? 'start' : 'stop'} within ${waitLimitMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Starts `redis-server` on a free loopback port; call `stop()` when done. */
export async function startRedis(): Promise<RunningRedis> {
  if (!existsSync(redisServerPath)) throw new Error(`No ${redisServerPath}: apt-get install redis-server`)
  const port = await freePort()
  let child: ChildProcess | undefined
  let output = ''
  const start = async (): Promise<void> => {
    output = ''
    const started = spawn(
      redisServerPath,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--protected-mode',
        'yes',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child = started
    try {
      await waitForPort(port, true)
    } catch (error) {
      started.kill('SIGKILL')
      throw new Error(`${(error as Error).message}:\n${output}`)
    }
  }
  const stop = async (): Promise<void> => {
    const running = child
    child = undefined
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
    await waitForPort(port, false)
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, port, stop, start }
}
