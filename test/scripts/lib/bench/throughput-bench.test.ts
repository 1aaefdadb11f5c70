import { describe, expect, it } from 'vitest';
import { inPlaceCost, medianSample, monitoringCost, parsePerfSummary, withRatios } from '../../../../scripts/lib/bench/throughput-bench.ts';

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

describe('the cost of monitoring', () => {
  const sample = (recordsPerSec: number, monitoring = false) => ({
    mode: 'sasl_ssl' as const,
    ...(monitoring ? { monitoring } : {}),
    result: { records: 1000, recordsPerSec, mbPerSec: 1, avgLatencyMs: 1, p99LatencyMs: 2 },
  });

  it('is the drop from without to with, in percent of without', () => {
    expect(monitoringCost(sample(4000), sample(3900, true))).toEqual({ mode: 'sasl_ssl', withoutRecordsPerSec: 4000, withRecordsPerSec: 3900, costPercent: 2.5 });
    expect(monitoringCost(undefined, sample(3900, true))).toBeUndefined();
    expect(monitoringCost(sample(4000), { mode: 'sasl_ssl', error: 'failed' })).toBeUndefined();
  });

  it('takes the median sample, ignoring failures', () => {
    expect(medianSample([sample(3), sample(1), sample(2)])?.result?.recordsPerSec).toBe(2);
    expect(medianSample([sample(3), sample(1)])?.result?.recordsPerSec).toBe(1);
    expect(medianSample([{ mode: 'sasl_ssl', error: 'x' }])).toBeUndefined();
  });
});

describe('inPlaceCost', () => {
  it('compares the medians of the pairs measured on one cluster', () => {
    const pairs = [
      { withoutRecordsPerSec: 5000, withRecordsPerSec: 4900 },
      { withoutRecordsPerSec: 4000, withRecordsPerSec: 4100 },
      { withoutRecordsPerSec: 4800, withRecordsPerSec: 4600 },
    ];
    expect(inPlaceCost('sasl_ssl', pairs)).toEqual({ mode: 'sasl_ssl', pairs, withoutMedian: 4800, withMedian: 4600, costPercent: 4.2 });
    expect(inPlaceCost('sasl_ssl', pairs.slice(0, 2)).withoutMedian).toBe(4500);
  });
});
