// WebSocket close codes of /collab (interface.md, "WebSocket"). The 44xx range tells the stock
// y-websocket client not to reconnect: reconnecting cannot fix any of these.

/** A message that is not valid y-protocols, or an update depending on content the server does not have. */
export const closeMalformed = 4400
/** Not signed in, the session ended, or the account was deleted or changed. */
export const closeUnauthorized = 4401
/** The connection sent a change its user may not make; nothing of it was kept. */
export const closeForbidden = 4403
/** No report with that id. */
export const closeNotFound = 4404
/** A message larger than the limit. */
export const closeTooLarge = 4413
/** Too many connections (per user or per address), or a connection sending too fast (messages or bytes per second). */
export const closeTooMany = 4429
/** The server is shutting down (standard "going away"): clients reconnect. */
export const closeGoingAway = 1001
/** The server could not store an update: clients reconnect and resend it. */
export const closeStorageFailed = 1011

/** True for the 44xx codes: the connection must not be retried as it is (4429 excepted by the client, which waits and retries). */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code <= 4499
}

/** A short name for each close code, for metrics and logs ("other" for a code not listed here). */
export function closeCodeName(code: number): string {
  switch (code) {
    case closeMalformed:
      return 'malformed'
    case closeUnauthorized:
      return 'unauthorized'
    case closeForbidden:
      return 'forbidden'
    case closeNotFound:
      return 'not-found'
    case closeTooLarge:
      return 'too-large'
    case closeTooMany:
      return 'too-many'
    case closeGoingAway:
      return 'going-away'
    case closeStorageFailed:
      return 'storage-failed'
    default:
      return 'other'
  }
}
