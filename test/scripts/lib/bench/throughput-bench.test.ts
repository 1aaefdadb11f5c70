import { describe, expect, it } from 'vitest';
import { parsePerfSummary, withRatios } from '../../../../scripts/lib/bench/throughput-bench.ts';

describe('producer perf summary', () => {
  it('parses the final line', () => {
    const text = [
      '49681 records sent, 9936.2 records/sec (9.70 MB/sec), 1722.1 ms avg latency, 2712.0 ms max latency.',
      '200000 records sent, 12036.598459 records/sec (11.75 MB/sec), 2219.47 ms avg latency, 3012.00 ms max latency, 2270 ms 50th, 2790 ms 95th, 2906 ms 99th, 2995 ms 99.9th.',
    ].join('\n');
    expect(parsePerfSummary(text)).toEqual({ records: 200000, recordsPerSec: 12036.598459, mbPerSec: 11.75, avgLatencyMs: 2219.47, p99LatencyMs: 2906 });
  });

  it('fails without a summary', () => {
    expect(() => parsePerfSummary('oops')).toThrow('no producer-perf-test summary');
  });

  it('gives each mode its ratio to plaintext from the same run', () => {
    const r = (n: number) => ({ records: 1, recordsPerSec: n, mbPerSec: 0, avgLatencyMs: 0, p99LatencyMs: 0 });
    expect(withRatios([{ mode: 'plaintext', result: r(100) }, { mode: 'sasl_ssl', result: r(60) }, { mode: 'ssl', error: 'x' }]).map((m) => [m.mode, m.ratioToPlaintext])).toEqual([
      ['plaintext', 1],
      ['sasl_ssl', 0.6],
      ['ssl', undefined],
    ]);
  });
});
