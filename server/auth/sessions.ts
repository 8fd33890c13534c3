import { createHash, randomBytes } from 'node:crypto'
import { sessionIdleMs, sessionMaxAgeMs, sessionTokenBytes, sessionTouchIntervalMs } from '../config.ts'
import type { SessionRecord, Storage } from '../storage/storage.ts'

/** SHA-256 of a token, hex: what the store keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A new session: the token to hand out (shown once) and the record that was stored. */
export interface NewSession {
  readonly token: string
  readonly session: SessionRecord
}

/** Opens a session for `username`: 32 random bytes as the token; only its hash is stored. */
export async function openSession(storage: Storage, username: string, now = Date.now()): Promise<NewSession> {
  const token = randomBytes(sessionTokenBytes).toString('base64url')
  const session: SessionRecord = { tokenHash: hashToken(token), username, createdAt: now, lastSeen: now }
  await storage.createSession(session)
  return { token, session }
}

/** True when `session` has ended at `now`: idle for more than `sessionIdleMs`, or older than `sessionMaxAgeMs` however much it was used. */
export function sessionEnded(session: SessionRecord, now = Date.now()): boolean {
  return now - session.lastSeen > sessionIdleMs || now - session.createdAt > sessionMaxAgeMs
}

/** The live session behind `token`, or undefined when unknown, idle too long or past its absolute lifetime (then it is deleted). */
export async function findSession(
  storage: Storage,
  token: string,
  now = Date.now(),
): Promise<SessionRecord | undefined> {
  const tokenHash = hashToken(token)
  const session = await storage.getSession(tokenHash)
  if (session === undefined) return undefined
  if (sessionEnded(session, now)) {
    await storage.deleteSession(tokenHash)
    return undefined
  }
  if (now - session.lastSeen > sessionTouchIntervalMs) await storage.touchSession(tokenHash, now)
  return session
}
