import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendEvent, hintsShown, openAttempt, parseLog, readLog, summarize, type DrillEvent } from '../../../../../../scripts/lib/practice/drills/kit/practice-log.ts';
import { PracticeLogError } from '../../../../../../stacks/model/errors.ts';

const ev = (at: string, event: DrillEvent['event'], drill: string, extra: Partial<DrillEvent> = {}): DrillEvent => ({ at, event, drill, ...extra });
const FIX = 'fix or delete that line (each line is one JSON event of your drill attempts; deleting the file forgets your progress)';

describe('practice log', () => {
  it('appends events as JSON lines (0600) and reads them back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drill-log-'));
    const path = join(dir, 'practice', 'drills.jsonl');
    expect(readLog(path)).toEqual([]);
    appendEvent(path, { event: 'start', drill: 'headers', cluster: 'kraft-3', facts: { a: 1 } }, new Date('2025-01-01T10:00:00Z'));
    appendEvent(path, { event: 'check', drill: 'headers', cluster: 'kraft-3', ok: true, passed: 3, of: 3 }, new Date('2025-01-01T10:04:00Z'));
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readLog(path)).toEqual([
      { at: '2025-01-01T10:00:00.000Z', event: 'start', drill: 'headers', cluster: 'kraft-3', facts: { a: 1 } },
      { at: '2025-01-01T10:04:00.000Z', event: 'check', drill: 'headers', cluster: 'kraft-3', ok: true, passed: 3, of: 3 },
    ]);
  });

  it('names the file and the line of invalid JSON', () => {
    const text = `${JSON.stringify(ev('2025-01-01T10:00:00Z', 'start', 'x'))}\n\n{not json\n`;
    expect(() => parseLog(text, '/p/drills.jsonl')).toThrow(PracticeLogError);
    try {
      parseLog(text, '/p/drills.jsonl');
    } catch (error) {
      expect((error as Error).message).toMatch(/^\/p\/drills\.jsonl line 3 is not valid JSON \(.+\): fix or delete that line/);
    }
  });

  it('names missing fields, unknown events and bad times, with the fix', () => {
    expect(() => parseLog('{"event":"start","drill":"x"}', 'f.jsonl')).toThrow(`f.jsonl line 1 has no 'at' (a string): ${FIX}`);
    expect(() => parseLog('[1,2]', 'f.jsonl')).toThrow(`f.jsonl line 1 is not a JSON object: ${FIX}`);
    expect(() => parseLog('{"at":"2025-01-01T00:00:00Z","event":"win","drill":"x"}', 'f.jsonl')).toThrow(
      `f.jsonl line 1 has event 'win', which is not one of start, check, hint, solution, reset: ${FIX}`,
    );
    expect(() => parseLog('{"at":"yesterday","event":"start","drill":"x"}', 'f.jsonl')).toThrow(`f.jsonl line 1 has 'at' ('yesterday'), which is not a time: ${FIX}`);
  });

  it('a file with a corrupt line fails readLog with the real path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drill-log-'));
    const path = join(dir, 'drills.jsonl');
    writeFileSync(path, '{"at":"2025-01-01T00:00:00Z","event":"start","drill":"x"}\n{"at":\n');
    expect(() => readLog(path)).toThrow(`${path} line 2 is not valid JSON`);
  });

  it('an attempt is open from its start until a reset', () => {
    const events = [ev('2025-01-01T10:00:00Z', 'start', 'a', { cluster: 'c1' }), ev('2025-01-01T10:01:00Z', 'check', 'a'), ev('2025-01-01T10:02:00Z', 'start', 'b')];
    expect(openAttempt(events, 'a')?.cluster).toBe('c1');
    expect(openAttempt([...events, ev('2025-01-01T10:03:00Z', 'reset', 'a')], 'a')).toBeUndefined();
    expect(openAttempt(events, 'zzz')).toBeUndefined();
  });

  it('counts hints per attempt', () => {
    const events = [ev('2025-01-01T10:00:00Z', 'hint', 'a', { shown: 1 }), ev('2025-01-01T10:01:00Z', 'start', 'a'), ev('2025-01-01T10:02:00Z', 'hint', 'a', { shown: 1 }), ev('2025-01-01T10:03:00Z', 'hint', 'a', { shown: 2 })];
    expect(hintsShown(events.slice(0, 1), 'a')).toBe(1);
    expect(hintsShown(events.slice(0, 2), 'a')).toBe(0);
    expect(hintsShown(events, 'a')).toBe(2);
    expect(hintsShown(events, 'b')).toBe(0);
  });

  it('summarizes passes, first and last pass, best time and hints', () => {
    const events = [
      ev('2025-01-01T10:00:00Z', 'start', 'a'),
      ev('2025-01-01T10:01:00Z', 'hint', 'a', { shown: 1 }),
      ev('2025-01-01T10:02:00Z', 'check', 'a', { ok: false }),
      ev('2025-01-01T10:05:00Z', 'check', 'a', { ok: true }),
      ev('2025-01-01T10:06:00Z', 'check', 'a', { ok: true }),
      ev('2025-01-01T11:00:00Z', 'start', 'a'),
      ev('2025-01-01T11:02:00Z', 'check', 'a', { ok: true }),
      ev('2025-01-01T12:00:00Z', 'start', 'b'),
    ];
    expect(summarize(events)).toEqual([
      { drill: 'a', attempts: 2, passes: 3, firstPassAt: '2025-01-01T10:05:00Z', lastPassAt: '2025-01-01T11:02:00Z', bestSeconds: 120, hints: 1 },
      { drill: 'b', attempts: 1, passes: 0, hints: 0 },
    ]);
  });
});
