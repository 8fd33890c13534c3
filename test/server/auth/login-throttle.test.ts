import { describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../../server/auth/login-throttle.ts'
import {
  loginFailureWindowMs,
  loginFailuresAllowed,
  loginFailuresAllowedPerIp,
  loginFailuresBeforeSlowdown,
  loginSlowdownMs,
} from '../../../server/config.ts'

describe('LoginThrottle', () => {
  it('locks a username out only at the address that kept failing', () => {
    const throttle = new LoginThrottle()
    for (let i = 0; i < 50; i++)
      if (throttle.waitMs('alice', '10.0.0.1', 1000) === 0) throttle.fail('alice', '10.0.0.1', 1000)
    expect(throttle.waitMs('alice', '10.0.0.1', 1000)).toBeGreaterThan(0)
    expect(throttle.waitMs('alice', '10.0.0.2', 1000)).toBe(0)
    expect(throttle.delayMs('alice', 1000)).toBe(0)
  })

  it('tolerates a few typos before the first lock-out, which doubles with each further failure', () => {
    const throttle = new LoginThrottle()
    for (let i = 0; i < loginFailuresAllowed - 1; i++) throttle.fail('bob', 'a', 0)
    expect(throttle.waitMs('bob', 'a', 0)).toBe(0)
    throttle.fail('bob', 'a', 0)
    const first = throttle.waitMs('bob', 'a', 0)
    throttle.fail('bob', 'a', first)
    expect(throttle.waitMs('bob', 'a', first)).toBe(2 * first)
  })

  it('locks an address out that fails for many usernames', () => {
    const throttle = new LoginThrottle()
    for (let i = 0; i < loginFailuresAllowedPerIp; i++) throttle.fail(`user-${i}`, 'a', 0)
    expect(throttle.waitMs('someone-else', 'a', 0)).toBeGreaterThan(0)
    expect(throttle.waitMs('someone-else', 'b', 0)).toBe(0)
  })

  it('slows, but never refuses, a username failing from many addresses', () => {
    const throttle = new LoginThrottle()
    for (let i = 0; i < loginFailuresBeforeSlowdown; i++) throttle.fail('carol', `10.0.${i >> 8}.${i & 255}`, 0)
    expect(throttle.delayMs('carol', 0)).toBe(loginSlowdownMs)
    expect(throttle.waitMs('carol', '192.168.1.1', 0)).toBe(0)
    expect(throttle.delayMs('dave', 0)).toBe(0)
  })

  it('forgets failures after a quiet window, and a pair’s failures after it signs in', () => {
    const throttle = new LoginThrottle()
    for (let i = 0; i < loginFailuresAllowed; i++) throttle.fail('erin', 'a', 0)
    expect(throttle.waitMs('erin', 'a', 1)).toBeGreaterThan(0)
    expect(throttle.waitMs('erin', 'a', loginFailureWindowMs + 1)).toBe(0)
    for (let i = 0; i < loginFailuresAllowed - 1; i++) throttle.fail('erin', 'b', 0)
    throttle.succeed('erin', 'b')
    throttle.fail('erin', 'b', 0)
    expect(throttle.waitMs('erin', 'b', 0)).toBe(0)
  })
})
