import { describe, expect, it } from 'vitest';
import { formatMs, renderRollReport, rollReportJson, type RollReport } from '../../../../scripts/lib/roll/report.ts';

const node = (id: number, restartMs: number | null, extra = {}) => ({
  id,
  role: 'combined' as const,
  hostname: `kafka-${id}`,
  container: `kafkalab-roll-a-kafka-${id}`,
  outcome: restartMs === null ? ('pending' as const) : ('restarted' as const),
  restartMs,
  ...extra,
});

const ok: RollReport = {
  ok: true,
  cluster: 'roll-a',
  mode: 'kraft-combined',
  kafkaVersion: '4.4.0',
  dryRun: false,
  order: [2, 3, 1],
  nodes: [
    node(2, 61_400, { safeWaitMs: 12_500, stopMs: 8200, backMs: 53_200, electionMs: 4000, leadersElected: 19, maxStallMs: 350 }),
    node(3, 58_200, { safeWaitMs: 21_000, stopMs: 7400, backMs: 50_700, electionMs: 4000, leadersElected: 20, maxStallMs: 234 }),
    node(1, 71_300, { safeWaitMs: 11_900, stopMs: 5900, backMs: 65_000, electionMs: 4000, leadersElected: 20, maxStallMs: 379 }),
  ],
  totalMs: 296_000,
  acked: 27063,
  consumed: 27063,
  lost: 0,
  maxStallMs: 785,
  validation: {
    topic: 'kafkalab-roll-validate',
    recordsPerSecond: 100,
    duplicates: 0,
    sendErrors: 0,
    lostSample: [],
    maxStallAt: '2026-11-25T15:55:00.000Z',
    maxStallNode: 3,
    problems: [],
  },
  warnings: [],
};

describe('renderRollReport', () => {
  it('shows each node, the validation and the total', () => {
    expect(renderRollReport(ok)).toBe(
      [
        "roll of cluster 'roll-a' (kraft-combined, Kafka 4.4.0): order 2, 3, 1",
        '✔ node 2 (kafka-2, combined): restarted in 1m01s (safe after 12.5s, shutdown 8.2s, back 53.2s, 19 leader(s) elected); longest stall 350ms',
        '✔ node 3 (kafka-3, combined): restarted in 58.2s (safe after 21.0s, shutdown 7.4s, back 50.7s, 20 leader(s) elected); longest stall 234ms',
        '✔ node 1 (kafka-1, combined): restarted in 1m11s (safe after 11.9s, shutdown 5.9s, back 1m05s, 20 leader(s) elected); longest stall 379ms',
        "✔ validation (100 records/s to 'kafkalab-roll-validate', acks=all, idempotent; Kafka's verifiable clients): 27063 acked, 27063 consumed, 0 lost; longest stall 785ms (while node 3 was away)",
        "rolled 3 node(s) of 'roll-a' in 4m56s",
        '',
      ].join('\n'),
    );
  });

  it('shows a refusal, the untouched nodes and the way on', () => {
    const refused: RollReport = {
      ...ok,
      ok: false,
      acked: null,
      consumed: null,
      lost: null,
      maxStallMs: null,
      nodes: [{ ...node(2, null), outcome: 'refused', detail: 'timed out after 10s waiting for node 2 to be safe to stop: stopping broker 2 would drop …' }, node(1, null)],
      refusal: { node: 2, reason: 'node 2 (kafka-2, combined): never safe', hint: 'wait until the cluster is healthy, then npm run roll -- --from 2' },
      warnings: ['a warning'],
    };
    const text = renderRollReport(refused);
    expect(text).toContain('⚠ a warning\n');
    expect(text).toContain('✖ node 2 (kafka-2, combined): refused, not stopped: timed out after 10s');
    expect(text).toContain('  node 1 (kafka-1, combined): untouched\n');
    expect(text).toContain('✖ node 2 (kafka-2, combined): never safe\n  try: wait until the cluster is healthy, then npm run roll -- --from 2\n');
    expect(text).not.toContain('validation');
  });
});

describe('rollReportJson', () => {
  it('has acked, consumed, lost, maxStallMs and one entry per node with its id and restartMs', () => {
    const json = JSON.parse(rollReportJson(ok)) as RollReport;
    expect([json.acked, json.consumed, json.lost, json.maxStallMs]).toEqual([27063, 27063, 0, 785]);
    expect(json.nodes.map((n) => [n.id, n.restartMs])).toEqual([[2, 61_400], [3, 58_200], [1, 71_300]]);
    expect(json).toMatchObject({ ok: true, cluster: 'roll-a', totalMs: 296_000, order: [2, 3, 1] });
  });

  it('keeps the validation fields, as null, without --validate', () => {
    const json = JSON.parse(rollReportJson({ ...ok, acked: null, consumed: null, lost: null, maxStallMs: null })) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['acked', 'consumed', 'lost', 'maxStallMs']));
    expect(json.lost).toBeNull();
  });
});

describe('formatMs', () => {
  it('reads as ms, seconds or minutes', () => {
    expect([formatMs(350), formatMs(8200), formatMs(61_400), formatMs(296_000)]).toEqual(['350ms', '8.2s', '1m01s', '4m56s']);
  });
});
