import { defineConfig } from 'vitest/config';
import { CostSequencer } from './test/e2e/sequencer.ts';

export default defineConfig({
  test: {
    // End-to-end files longest first (test/e2e/sequencer.ts), so two at a time finish together.
    sequence: { sequencer: CostSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          // The unit files first (about 40 s), then the end-to-end ones.
          sequence: { groupOrder: 0 },
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          // Real clusters on 2 cores: two files at a time (each on clusters and ports of its own,
          // test/e2e/clusters.ts), since a file spends about half its time waiting on Kafka and Docker.
          sequence: { groupOrder: 1 },
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
