import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    // Test files run one after another in each worker process and share its loaded modules:
    // loading the app's modules anew for every file was half the suite's time. Each file still
    // gets its own app, database, mailbox and clock (test/support/app.ts); module-level state
    // must not matter to a test, so no test mocks modules.
    isolate: false,
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
