import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { requestSite } from '../../../server/http/request-site.ts'

/** A request from 127.0.0.1 with these headers (as Node hands them: lower-case names). */
function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
  return {
    headers: { host: 'cotejo.example.org', ...headers },
    socket: { remoteAddress: '127.0.0.1', encrypted },
  } as unknown as IncomingMessage
}

describe('requestSite', () => {
  it('trusts Sec-Fetch-Site when a browser sends it: same-origin and none are this site, same-site and cross-site are not', () => {
    expect(requestSite(request({ 'sec-fetch-site': 'same-origin' }), 0)).toBe('same-origin')
    expect(requestSite(request({ 'sec-fetch-site': 'none' }), 0)).toBe('same-origin')
    expect(requestSite(request({ 'sec-fetch-site': 'same-site', origin: 'http://cotejo.example.org' }), 0)).toBe(
      'cross-site',
    )
    expect(requestSite(request({ 'sec-fetch-site': 'cross-site' }), 0)).toBe('cross-site')
  })

  it('otherwise compares Origin with the server’s own scheme, host and port', () => {
    expect(requestSite(request({ origin: 'http://cotejo.example.org' }), 0)).toBe('same-origin')
    expect(requestSite(request({ origin: 'http://cotejo.example.org:80' }), 0)).toBe('same-origin')
    expect(requestSite(request({ origin: 'https://cotejo.example.org' }), 0)).toBe('cross-site')
    expect(requestSite(request({ origin: 'http://cotejo.example.org:8080' }), 0)).toBe('cross-site')
    expect(requestSite(request({ origin: 'http://evil.example' }), 0)).toBe('cross-site')
    expect(requestSite(request({ origin: 'null' }), 0)).toBe('cross-site')
    expect(requestSite(request({ origin: 'not a url' }), 0)).toBe('cross-site')
    expect(requestSite(request({ origin: 'https://cotejo.example.org' }, true), 0)).toBe('same-origin')
  })

  it('reads the scheme and host from trusted proxy headers only when TRUST_PROXY is set', () => {
    const behindProxy = {
      origin: 'https://cotejo.example.org',
      host: '10.0.0.5:8080',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'cotejo.example.org',
    }
    expect(requestSite(request(behindProxy), 1)).toBe('same-origin')
    expect(requestSite(request(behindProxy), 0)).toBe('cross-site')
    // A client cannot make another site its own by sending X-Forwarded-Host when no proxy is trusted.
    expect(requestSite(request({ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' }), 0)).toBe(
      'cross-site',
    )
  })

  it('is unknown without either header: a program, not a browser', () => {
    expect(requestSite(request({}), 0)).toBe('unknown')
  })
})
