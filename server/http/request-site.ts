// Where a browser request comes from: this site, another one, or no browser at all. What the
// cross-site checks of HTTP (`same-origin-guard.ts`) and of the collaboration sockets share.

import type { IncomingMessage } from 'node:http'
import { ownOrigin } from './forwarded.ts'

/** Where a request comes from: `same-origin` (a page of this server, or typed by the user), `cross-site` (any other page), `unknown` (no browser headers: a program). */
export type RequestSite = 'same-origin' | 'cross-site' | 'unknown'

/** `Sec-Fetch-Site` values that mean "this server's own page" (`none`: the user typed the address or used a bookmark). */
const sameOriginFetchSites: ReadonlySet<string> = new Set(['same-origin', 'none'])

/**
 * Where `request` comes from. `Sec-Fetch-Site` decides when present (browsers set it and pages
 * cannot; `same-site`, a sibling subdomain, counts as another site); else `Origin`, compared by
 * scheme, host and port with {@link ownOrigin} (`trustedHops`: `TRUST_PROXY`; an `Origin` of
 * `null` is another site); with neither header, `unknown`: browsers send `Origin` on every
 * cross-site POST and WebSocket handshake, so only programs, which hold no victim's cookie, omit both.
 */
export function requestSite(request: IncomingMessage, trustedHops: number): RequestSite {
  const fetchSite = request.headers['sec-fetch-site']
  if (typeof fetchSite === 'string' && fetchSite !== '')
    return sameOriginFetchSites.has(fetchSite.toLowerCase()) ? 'same-origin' : 'cross-site'
  const origin = request.headers.origin
  if (origin === undefined || origin === '') return 'unknown'
  const own = ownOrigin(request, trustedHops)
  let theirs: string
  try {
    theirs = new URL(origin).origin
  } catch {
    return 'cross-site'
  }
  return own !== undefined && theirs !== 'null' && theirs === own ? 'same-origin' : 'cross-site'
}
