import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built bin; a cold start on a loaded 2-core machine can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
