import {
  loginFailureWindowMs,
  loginFailuresAllowed,
  loginFailuresAllowedPerIp,
  loginFailuresBeforeSlowdown,
  loginLockBaseMs,
  loginLockMaxMs,
  loginSlowdownMs,
} from '../config.ts'

/** Past this many tracked keys (pairs, addresses, usernames), expired entries are pruned, so guessing random names cannot fill memory. */
const maxTrackedKeys = 10_000

interface Failures {
  count: number
  last: number
}

const pairKey = (username: string, ip: string): string => `pair:${JSON.stringify([username, ip])}`
const ipKey = (ip: string): string => `ip:${ip}`
const userKey = (username: string): string => `user:${username}`

/**
 * Slows down password guessing, counting failures three ways (`config.ts` says why each):
 * - per username and address: after `loginFailuresAllowed` that pair is locked out (doubling per
 *   failure, capped), so guessing one account from one address stops, and its owner, signing in
 *   from another address, is not affected;
 * - per address: after `loginFailuresAllowedPerIp` (any usernames) the address is locked out;
 * - per username over all addresses: after `loginFailuresBeforeSlowdown` each attempt for that
 *   name waits `loginSlowdownMs` first, but is never refused.
 * In memory: a restart forgets it, which only gives an attacker a few more slow guesses.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>()

  /** Milliseconds before `username` may try again from `ip` (refuse with 429 until then); 0 when allowed now. */
  waitMs(username: string, ip: string, now = Date.now()): number {
    return Math.max(
      this.lockFor(pairKey(username, ip), loginFailuresAllowed, now),
      this.lockFor(ipKey(ip), loginFailuresAllowedPerIp, now),
    )
  }

  /** Milliseconds an allowed attempt for `username` waits before its password is checked; 0 unless the name is under attack from many addresses. */
  delayMs(username: string, now = Date.now()): number {
    const entry = this.live(userKey(username), now)
    return entry !== undefined && entry.count >= loginFailuresBeforeSlowdown ? loginSlowdownMs : 0
  }

  /** Records a failed attempt of `username` from `ip`. */
  fail(username: string, ip: string, now = Date.now()): void {
    if (this.failures.size > maxTrackedKeys) this.prune(now)
    for (const key of [pairKey(username, ip), ipKey(ip), userKey(username)]) {
      const entry = this.live(key, now)
      this.failures.set(key, { count: (entry?.count ?? 0) + 1, last: now })
    }
  }

  /** Forgets the failures of `username` from `ip` after a successful sign-in there (the address's and the username's totals stay). */
  succeed(username: string, ip: string): void {
    this.failures.delete(pairKey(username, ip))
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) this.live(key, now)
  }

  private live(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key)
    if (entry !== undefined && now - entry.last > loginFailureWindowMs) {
      this.failures.delete(key)
      return undefined
    }
    return entry
  }

  private lockFor(key: string, allowed: number, now: number): number {
    const entry = this.live(key, now)
    if (entry === undefined || entry.count < allowed) return 0
    const lock = Math.min(loginLockBaseMs * 2 ** (entry.count - allowed), loginLockMaxMs)
    return Math.max(0, entry.last + lock - now)
  }
}
