// What a request says about its client once proxies are taken into account (`TRUST_PROXY`): the
// client's address, the scheme and the host it asked for. The same rules as Express's
// `trust proxy` set to a hop count, so HTTP routes (`req.ip`, `req.secure`) and the collaboration
// sockets (which never pass through Express) agree.

import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

/** The first value of a comma-separated header (Express takes the first of X-Forwarded-Proto and -Host too), trimmed; undefined when empty. */
function firstValue(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join(',') : header
  const first = text?.split(',')[0]?.trim()
  return first ? first : undefined
}

/**
 * The client's address: with `trustedHops` proxies in front, the entry of `X-Forwarded-For` that
 * many hops from the socket's peer, counting from the right (each proxy appends the address it
 * received from); the leftmost entry when the header is shorter. With 0, the socket's peer.
 */
export function clientAddress(request: IncomingMessage, trustedHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown'
  if (trustedHops <= 0) return peer
  const header = request.headers['x-forwarded-for']
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  // Nearest first: the socket's peer, then X-Forwarded-For from its right end.
  const chain = [peer, ...forwarded.reverse()]
  return chain[Math.min(trustedHops, chain.length - 1)]!
}

/** `https` when the socket is TLS or, with proxies trusted, when `X-Forwarded-Proto` says so; else `http`. */
export function requestProtocol(request: IncomingMessage, trustedHops: number): 'http' | 'https' {
  const own = (request.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http'
  if (trustedHops <= 0) return own
  const forwarded = firstValue(request.headers['x-forwarded-proto'])?.toLowerCase()
  return forwarded === 'https' || forwarded === 'http' ? forwarded : own
}

/** The host (and port) the client asked for: `X-Forwarded-Host` when proxies are trusted and it is present, else `Host`. */
export function requestHost(request: IncomingMessage, trustedHops: number): string | undefined {
  const forwarded = trustedHops > 0 ? firstValue(request.headers['x-forwarded-host']) : undefined
  return forwarded ?? firstValue(request.headers.host)
}

/** The server's own origin as the client sees it (`https://example.org`), or undefined when the request names no usable host. */
export function ownOrigin(request: IncomingMessage, trustedHops: number): string | undefined {
  const host = requestHost(request, trustedHops)
  // A host with a path, user, query or spaces in it is not a host.
  if (host === undefined || /[/\\@?#\s]/.test(host)) return undefined
  try {
    return new URL(`${requestProtocol(request, trustedHops)}://${host}`).origin
  } catch {
    return undefined
  }
}
