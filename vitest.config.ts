import { defineConfig } from 'vitest/config';

/**
 * Three projects, one runner: unit (colocated *.test.ts), integration (*.itest.ts: the core
 * against a real sandbox over HTTP with the real SDK clients) and e2e (Playwright in Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'electron/**/*.test.ts',
            'shared/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'build/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['electron/**/*.itest.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
