import { PRESETS } from '../../../../stacks/model/presets.ts';
import { defineCommand } from './define.ts';

/** `npm run bench` (scripts/bench.ts). */
export const BENCH = defineCommand({
  name: 'bench',
  summary:
    'For each preset: cold deploy-to-verified time through cdktf, against the floor (the same containers started with docker directly) measured in the same run; producer throughput per security mode; a validated roll of the default cluster against the sum of single-node restarts. Writes JSON.',
  flags: {
    preset: { type: 'string', multiple: true, description: `preset(s) to measure (default all: ${Object.keys(PRESETS).join(', ')})` },
    runs: { type: 'string', description: 'pairs of measurements per preset, and of sasl_ssl with and without monitoring (default 1); medians are reported' },
    out: { type: 'string', description: 'output file (default bench-results/bench-<time>.json, also bench-results/latest.json)' },
    suite: { type: 'string', description: 'deploy, throughput, roll, lifecycle or all (default all); lifecycle writes bench-results/lifecycle-<preset>-<time>.json' },
    records: { type: 'string', description: 'records per producer-perf-test run in the throughput suite (default 100000)' },
  },
});
