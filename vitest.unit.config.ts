import { defineConfig } from 'vitest/config'

/**
 * `npm run test:unit`: the tests that need no browser, no database server, no root and no
 * sockets, for the inner loop (under two minutes on this 2-core machine). Everything in
 * `test/schema/` (pure, like `schema/` itself), the library patches' tests, and the server's
 * pure units listed here. `npm test` runs these and all the others.
 */
export default defineConfig({
  test: {
    include: [
      'test/schema/**/*.test.ts',
      'test/client/patches/*.test.ts',
      'test/server/auth/login-throttle.test.ts',
      'test/server/auth/passwords.test.ts',
      'test/server/cluster/report-bus.test.ts',
      'test/server/collab/applied-seqs.test.ts',
      'test/server/collab/awareness-guard.test.ts',
      'test/server/collab/controlled-delivery.test.ts',
      'test/server/collab/update-guard.test.ts',
      'test/server/collab/guard-property.test.ts',
      'test/server/http/request-site.test.ts',
      'test/server/versions/write-report.test.ts',
    ],
    // The guard's property test runs a tenth of its cases here (5,000 in `npm test`).
    env: { GUARD_RUNS: '500' },
    testTimeout: 60_000,
  },
})
