import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start the CLI and Chromium; on a shared 2-core machine they wait for each other.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
