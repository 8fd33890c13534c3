import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and browser tests start real servers and Chromium; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests are heavy: running files in parallel on 2 cores only makes them flaky.
    fileParallelism: false,
  },
})
