import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { closeTooMany } from '../../../schema/close-codes.ts'
import { storeReports, testAdminPassword } from '../../helpers/server.ts'
import { testReport } from '../fixtures.ts'
import { spawnChildServer, type ChildServer } from './child-server.ts'

const reportId = 'test-report'
let dataDir: string
let server: ChildServer
const sockets: WebSocket[] = []

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cotejo-limits-env-'))
  await storeReports(dataDir, [testReport(reportId)])
  server = await spawnChildServer(dataDir, { env: { LIMIT_SOCKETS_PER_USER: '2' } })
})

afterAll(async () => {
  for (const socket of sockets) socket.terminate()
  await server?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

/** Opens a socket with `token`; resolves with the close code, or 0 once the server's first message arrived. */
function open(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/collab/${reportId}?token=${token}`)
    sockets.push(socket)
    socket.on('error', reject)
    socket.once('message', () => resolve(0))
    socket.on('close', (code) => resolve(code))
  })
}

describe('limits set in the environment of npm start', () => {
  it('LIMIT_SOCKETS_PER_USER=2: a user’s third socket is refused with 4429', async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: testAdminPassword }),
    })
    const { token } = (await response.json()) as { token: string }
    expect([await open(token), await open(token)]).toEqual([0, 0])
    expect(await open(token)).toBe(closeTooMany)
  })

  it('a limit that is not a whole number stops the server before it starts, naming the variable', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url))
    for (const [variable, value] of [
      ['LIMIT_SOCKETS_PER_ADDRESS', 'lots'],
      ['LIMIT_STRUCTS_PER_UPDATE', '-5'],
      ['TRUST_PROXY', 'true'],
    ] as const) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED: '0', [variable]: value },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(code).toBe(1)
      expect(stderr).toContain(`${variable} must be a whole number`)
      expect(stderr).toContain(`"${value}"`)
    }
  }, 60_000)
})
