import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { logEvent, logLine, parseLogLine, structuredLog } from '../../../server/log.ts'
import { startTestServer } from '../../helpers/server.ts'
import { testReport } from '../fixtures.ts'

describe('structured log lines', () => {
  it('writes one JSON object per entry with its time, level and event', () => {
    const line = logLine(
      { level: 'warn', event: 'connection-refused', code: 4429, user: 'ana', report: 'r1' },
      new Date('2026-01-02T03:04:05Z'),
    )
    expect(JSON.parse(line)).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'warn',
      event: 'connection-refused',
      code: 4429,
      user: 'ana',
      report: 'r1',
    })
    expect(line).not.toContain('\n')
  })

  it('writes a failure with the error’s type, message and stack, apart from the sentence', () => {
    const lines: string[] = []
    const write = (line: string): void => {
      lines.push(line)
    }
    logEvent(write, {
      level: 'error',
      event: 'versions-failed',
      report: 'r1',
      message: 'keeping versions failed',
      error: new RangeError('seq 9 is past the log'),
    })
    logEvent(write, { level: 'warn', event: 'redis', message: 'Redis: connection lost' })
    const [failure, warning] = lines.map(parseLogLine)
    expect(failure).toMatchObject({ level: 'error', report: 'r1', message: 'keeping versions failed' })
    expect(failure!.err).toMatchObject({ type: 'RangeError', message: 'seq 9 is past the log' })
    expect(failure!.err!.stack).toContain('log.test.ts')
    expect(warning).toMatchObject({ level: 'warn', event: 'redis' })
    expect(warning!.err).toBeUndefined()
  })

  it('wraps older plain sentences, as errors when they report a failure, and passes structured lines through', () => {
    const lines: string[] = []
    const log = structuredLog((line) => lines.push(line))
    log('seed: importing x failed: bad file')
    log('ended 2 sessions idle for more than 7 days')
    log(logLine({ level: 'info', event: 'start' }))
    const records = lines.map(parseLogLine)
    expect(records.map((record) => [record.level, record.event])).toEqual([
      ['error', 'message'],
      ['info', 'message'],
      ['info', 'start'],
    ])
    expect(records[0]!.message).toBe('seed: importing x failed: bad file')
    expect(() => parseLogLine('plain text')).toThrow()
    expect(() => parseLogLine('{"level":"info"}')).toThrow(SyntaxError)
  })

  it('makes every line a server writes through the log option a JSON object, the import of a report included', async () => {
    const lines: string[] = []
    const server = await startTestServer({
      reports: [testReport('test-report')],
      log: (line) => lines.push(line),
      seed: true,
    })
    try {
      // Seeding is skipped on a store that holds a report; a fresh import goes through the API.
      const { token } = await server.login('admin', 'admin-password')
      const es = await readFile(
        new URL('../../../server/seeds/cam-work-plan-2018-2019.es.txt', import.meta.url),
        'utf8',
      )
      const response = await fetch(`${server.url}/api/reports/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'imported-report', kind: 'work-plan', es }),
      })
      expect(response.status, await response.clone().text()).toBe(201)
    } finally {
      await server.close()
    }
    const records = lines.map(parseLogLine)
    expect(records.find((record) => record.event === 'import')).toMatchObject({
      level: 'info',
      report: 'imported-report',
      user: 'admin',
    })
  })
})
