import type { RequestHandler } from 'express'
import { hstsMaxAgeSeconds } from '../config.ts'

/** The Content-Security-Policy of every response: own scripts and styles only, sockets to any ws/wss, no framing. */
export const contentSecurityPolicy =
  "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

/** The Strict-Transport-Security value sent behind a TLS proxy. */
export const strictTransportSecurity = `max-age=${hstsMaxAgeSeconds}; includeSubDomains`

/** Options of {@link securityHeaders}. */
export interface SecurityHeaderOptions {
  /** Send `Strict-Transport-Security` on requests that arrived over https (`req.secure`); only behind a trusted TLS proxy (`TRUST_PROXY`). Default false. */
  readonly hsts?: boolean
}

/** Middleware setting the security headers on every response. */
export function securityHeaders({ hsts = false }: SecurityHeaderOptions = {}): RequestHandler {
  return (req, res, next) => {
    res.set({
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    })
    // Over plain http the header is ignored by browsers, and would be a lie: only send it on https.
    if (hsts && req.secure) res.set('Strict-Transport-Security', strictTransportSecurity)
    next()
  }
}
