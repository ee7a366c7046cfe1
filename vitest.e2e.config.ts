import { defineConfig } from 'vitest/config';

// Browser journeys (`npm run test:e2e`): the real server and Debian's Chromium, one file at a time
// so two browsers never compete for the two cores of a CI machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
