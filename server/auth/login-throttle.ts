import { loginFailureWindowMs, loginFailuresAllowed, loginFailuresAllowedPerIp, loginLockBaseMs, loginLockMaxMs } from '../config.ts'

/** Past this many tracked usernames and IPs, expired entries are pruned, so guessing random names cannot fill memory. */
const maxTrackedKeys = 10_000

interface Failures {
  count: number
  last: number
}

/**
 * Slows down password guessing: after `loginFailuresAllowed` failures for a username, or
 * `loginFailuresAllowedPerIp` from an IP, further attempts are refused until a lock-out (doubling per failure, capped) has passed.
 * In memory: a restart forgets it, which only gives an attacker a few more slow guesses.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>()

  /** Milliseconds to wait before `username` may try again from `ip`; 0 when allowed now. */
  waitMs(username: string, ip: string, now = Date.now()): number {
    return Math.max(this.waitFor(`u:${username}`, loginFailuresAllowed, now), this.waitFor(`ip:${ip}`, loginFailuresAllowedPerIp, now))
  }

  /** Records a failed attempt. */
  fail(username: string, ip: string, now = Date.now()): void {
    if (this.failures.size > maxTrackedKeys) this.prune(now)
    for (const key of [`u:${username}`, `ip:${ip}`]) {
      const entry = this.live(key, now)
      this.failures.set(key, { count: (entry?.count ?? 0) + 1, last: now })
    }
  }

  /** Forgets the failures of `username` after a successful sign-in (the IP's stay). */
  succeed(username: string): void {
    this.failures.delete(`u:${username}`)
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

  private waitFor(key: string, allowed: number, now: number): number {
    const entry = this.live(key, now)
    if (entry === undefined || entry.count < allowed) return 0
    const lock = Math.min(loginLockBaseMs * 2 ** (entry.count - allowed), loginLockMaxMs)
    return Math.max(0, entry.last + lock - now)
  }
}
