import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appliedRecord, changesSince, forgetApplied, readApplied, stackFingerprint, writeApplied } from '../../../../scripts/lib/lifecycle/applied.ts';

const live = {
  'kafkalab-lab-kafka-1': { id: 'a1', running: true },
  'kafkalab-lab-kafka-2': { id: 'b2', running: true },
};

describe('the record of the last apply', () => {
  it('fingerprints the parts in order, and no two splits of the same text alike', () => {
    expect(stackFingerprint(['x', 'y'])).toBe(stackFingerprint(['x', 'y']));
    expect(stackFingerprint(['x', 'y'])).not.toBe(stackFingerprint(['y', 'x']));
    expect(stackFingerprint(['ab', 'c'])).not.toBe(stackFingerprint(['a', 'bc']));
  });

  it('finds no change when the stacks and every container are as applied', () => {
    expect(changesSince(appliedRecord('f', live), 'f', live)).toEqual([]);
  });

  it('names every change: the stacks, a container missing, recreated, stopped, or unknown', () => {
    const record = appliedRecord('f', live);
    expect(changesSince(undefined, 'f', live)).toEqual(['no apply recorded']);
    expect(changesSince(record, 'g', live)).toEqual(['the synthesized stacks changed']);
    expect(changesSince(record, 'f', { 'kafkalab-lab-kafka-1': live['kafkalab-lab-kafka-1'] })).toEqual(['container kafkalab-lab-kafka-2 is missing']);
    expect(changesSince(record, 'f', { ...live, 'kafkalab-lab-kafka-2': { id: 'c3', running: true } })).toEqual(['container kafkalab-lab-kafka-2 was recreated outside the tool']);
    expect(changesSince(record, 'f', { ...live, 'kafkalab-lab-kafka-1': { id: 'a1', running: false } })).toEqual(['container kafkalab-lab-kafka-1 is not running']);
    expect(changesSince(record, 'f', { ...live, 'kafkalab-lab-kafka-3': { id: 'd4', running: true } })).toEqual(['container kafkalab-lab-kafka-3 was not made by the last apply']);
  });

  it('is kept in the state folder, and an unreadable or missing one counts as none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafkalab-applied-'));
    expect(readApplied(dir)).toBeUndefined();
    writeApplied(dir, appliedRecord('f', live));
    expect(readApplied(dir)).toEqual({ fingerprint: 'f', containers: { 'kafkalab-lab-kafka-1': 'a1', 'kafkalab-lab-kafka-2': 'b2' } });
    forgetApplied(dir);
    expect(readApplied(dir)).toBeUndefined();
    writeFileSync(join(dir, 'applied.json'), '{not json');
    expect(readApplied(dir)).toBeUndefined();
  });
});

describe('the record of the access stack', () => {
  it('keeps the access stack fingerprint when there is one, and only then', () => {
    expect(appliedRecord('f', live, 'a')).toEqual({ fingerprint: 'f', containers: { 'kafkalab-lab-kafka-1': 'a1', 'kafkalab-lab-kafka-2': 'b2' }, access: 'a' });
    expect(Object.keys(appliedRecord('f', live))).toEqual(['fingerprint', 'containers']);
  });
});
