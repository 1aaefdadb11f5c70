import { describe, expect, it } from 'vitest';
import { bankStats, renderStats } from '../../../../../scripts/lib/practice/exam/stats.ts';
import { question } from './fixtures.ts';

const qs = [
  question(),
  question({ id: 'dev-b', domain: 'consumers' }),
  question({ id: 'dev-c', domain: 'consumers' }),
  question({ id: 'ops-a', track: 'ops', domain: 'security' }),
];

describe('bank stats', () => {
  it('counts per track and per domain, every domain listed', () => {
    const s = bankStats(qs);
    expect(s.total).toBe(4);
    expect(s.tracks.dev).toEqual({
      total: 3,
      domains: {
        producers: 1,
        consumers: 2,
        'topics-and-partitions': 0,
        'streams-and-connect': 0,
        'schemas-and-serialization': 0,
        'transactions-and-semantics': 0,
        'security-for-clients': 0,
        'testing-and-monitoring': 0,
      },
    });
    expect(s.tracks.ops.total).toBe(1);
    expect(s.tracks.ops.domains.security).toBe(1);
    expect(Object.keys(s.tracks.ops.domains)).toHaveLength(8);
  });

  it('renders a table', () => {
    const text = renderStats(bankStats(qs));
    expect(text).toContain('dev: developer (CCDAK-style), 3 questions\n  producers                          1\n  consumers                          2\n');
    expect(text).toContain('ops: administrator (CCAAK-style), 1 questions\n');
    expect(text.endsWith('total: 4 questions\n')).toBe(true);
  });
});
