import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientAddress, ownOrigin, requestHost, requestProtocol } from '../../../server/http/forwarded.ts'

/** What Express and our functions say of one request, side by side. */
interface Seen {
  readonly express: { ip: string | undefined; protocol: string; host: string | undefined }
  readonly ours: { ip: string; protocol: string; host: string | undefined; origin: string | undefined }
}

const servers: Array<{ close(): void }> = []
const ports = new Map<number, number>()

beforeAll(async () => {
  for (const hops of [0, 1, 2]) {
    const app = express()
    app.set('trust proxy', hops > 0 ? hops : false)
    app.get('/', (req, res) => {
      const raw = req as IncomingMessage
      res.json({
        express: { ip: req.ip, protocol: req.protocol, host: req.host },
        ours: {
          ip: clientAddress(raw, hops),
          protocol: requestProtocol(raw, hops),
          host: requestHost(raw, hops),
          origin: ownOrigin(raw, hops),
        },
      } satisfies Seen)
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    servers.push(server)
    ports.set(hops, (server.address() as AddressInfo).port)
  }
})

afterAll(() => {
  for (const server of servers) server.close()
})

/** GET / on the server trusting `hops`, with exactly these headers (Host included). */
function seen(hops: number, headers: Record<string, string>): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: ports.get(hops),
        path: '/',
        headers: { host: `127.0.0.1:${ports.get(hops)}`, ...headers },
      },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve(JSON.parse(text) as Seen))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('the client as seen through trusted proxies', () => {
  const cases: Array<Record<string, string>> = [
    {},
    { 'x-forwarded-for': '203.0.113.7' },
    { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' },
    {
      'x-forwarded-for': '192.0.2.9,198.51.100.1 , 203.0.113.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'cotejo.example.org',
    },
    { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'cotejo.example.org:8443, inner' },
    { 'x-forwarded-proto': 'http', host: 'cotejo.example.org' },
  ]

  it('is the one Express sees with `trust proxy` set to the same hop count, for the address, scheme and host', async () => {
    for (const hops of [0, 1, 2]) {
      for (const headers of cases) {
        const { express: theirs, ours } = await seen(hops, headers)
        expect({ hops, headers, ip: ours.ip, protocol: ours.protocol, host: ours.host }).toEqual({
          hops,
          headers,
          ...theirs,
        })
      }
    }
  })

  it('takes the address that many hops from the right of X-Forwarded-For, and ignores the headers with no proxy trusted', async () => {
    const headers = {
      'x-forwarded-for': '192.0.2.9, 198.51.100.1, 203.0.113.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'cotejo.example.org',
    }
    expect((await seen(0, headers)).ours).toMatchObject({
      ip: '127.0.0.1',
      protocol: 'http',
      origin: `http://127.0.0.1:${ports.get(0)}`,
    })
    expect((await seen(1, headers)).ours).toMatchObject({
      ip: '203.0.113.7',
      protocol: 'https',
      origin: 'https://cotejo.example.org',
    })
    expect((await seen(2, headers)).ours).toMatchObject({ ip: '198.51.100.1' })
  })

  it('has no origin for a Host that is not a host', async () => {
    expect((await seen(0, { host: 'evil.example/path' })).ours.origin).toBeUndefined()
    expect((await seen(0, { host: 'user@evil.example' })).ours.origin).toBeUndefined()
    expect((await seen(0, { host: 'cotejo.example.org:80' })).ours.origin).toBe('http://cotejo.example.org')
  })
})
