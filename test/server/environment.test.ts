import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { defaultCollabLimits } from '../../server/collab/limits.ts'
import { defaultMaxMessageBytes } from '../../server/config.ts'
import {
  EnvironmentError,
  limitVariables,
  limitsFromEnvironment,
  serverOptionsFromEnvironment,
  trustProxyFromEnvironment,
} from '../../server/environment.ts'

describe('the environment of npm start', () => {
  it('gives every limit its default when unset or empty', () => {
    expect(limitsFromEnvironment({})).toEqual({ limits: defaultCollabLimits, maxMessageBytes: defaultMaxMessageBytes })
    expect(limitsFromEnvironment({ LIMIT_SOCKETS_PER_USER: '' }).limits.maxSocketsPerUser).toBe(20)
    expect(defaultCollabLimits).toMatchObject({
      maxSocketsPerUser: 20,
      maxSocketsPerIp: 50,
      maxStructsPerUpdate: 100_000,
    })
  })

  it('reads each LIMIT_* variable into its field', () => {
    const { limits, maxMessageBytes } = limitsFromEnvironment({
      LIMIT_SOCKETS_PER_USER: '2',
      LIMIT_SOCKETS_PER_ADDRESS: '200',
      LIMIT_MESSAGES_PER_SECOND: '30',
      LIMIT_MESSAGE_BURST: '60',
      LIMIT_BYTES_PER_SECOND: '1000',
      LIMIT_BYTE_BURST: '5000',
      LIMIT_MESSAGE_BYTES: '4096',
      LIMIT_STRUCTS_PER_UPDATE: ' 500 ',
    })
    expect(limits).toEqual({
      maxSocketsPerUser: 2,
      maxSocketsPerIp: 200,
      messagesPerSecond: 30,
      messageBurst: 60,
      bytesPerSecond: 1000,
      byteBurst: 5000,
      maxStructsPerUpdate: 500,
    })
    expect(maxMessageBytes).toBe(4096)
  })

  it('refuses a value that is not a whole number of at least 1, naming the variable and the value', () => {
    for (const bad of ['abc', '-1', '0', '1.5', '1e3', '20 sockets', 'Infinity', '99999999999999999999']) {
      let thrown: unknown
      try {
        limitsFromEnvironment({ LIMIT_SOCKETS_PER_ADDRESS: bad })
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(EnvironmentError)
      expect(thrown).toMatchObject({
        variable: 'LIMIT_SOCKETS_PER_ADDRESS',
        message: `LIMIT_SOCKETS_PER_ADDRESS must be a whole number of at least 1, not "${bad}".`,
      })
    }
  })

  it('reads TRUST_PROXY as a hop count, 0 when unset, and refuses anything else', () => {
    expect(trustProxyFromEnvironment({})).toBe(0)
    expect(trustProxyFromEnvironment({ TRUST_PROXY: '2' })).toBe(2)
    expect(() => trustProxyFromEnvironment({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY must be a whole number of at least 0/,
    )
    expect(() => trustProxyFromEnvironment({ TRUST_PROXY: '-1' })).toThrow(EnvironmentError)
    expect(serverOptionsFromEnvironment({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(serverOptionsFromEnvironment({ TRUST_PROXY: '0' }).trustProxy).toBeUndefined()
  })

  it('reads the other variables as before', () => {
    const options = serverOptionsFromEnvironment({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/cotejo-x',
      DATABASE_URL: 'postgres://db/x',
      SEED: '0',
      ADMIN_PASSWORD: 'secret-password',
    })
    expect(options).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/cotejo-x',
      databaseUrl: 'postgres://db/x',
      seed: false,
      adminPassword: 'secret-password',
    })
    expect(serverOptionsFromEnvironment({})).toMatchObject({ port: 8080, host: '127.0.0.1', seed: true })
    expect(() => serverOptionsFromEnvironment({ PORT: '70000' })).toThrow(
      /PORT must be a whole number from 0 to 65535, not "70000"/,
    )
  })

  it('are every one documented in the README, with its default', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const section = readme.slice(readme.indexOf('## Limits and security settings'))
    for (const { name, defaultValue } of limitVariables)
      expect(section).toMatch(new RegExp(`\\| \`${name}\` \\| ${defaultValue}[ |]`))
    expect(section).toContain('| `TRUST_PROXY` |')
  })
})
