import { describe, expect, it } from 'vitest';
import { configValue, describeChange, dynamicChanges, kafkaConfigsArgs, EMPTY_DYNAMIC } from '../../../../scripts/lib/lifecycle/dynamic-config.ts';

describe('dynamicChanges', () => {
  it('adds what is new or changed, deletes what was removed, default entity first', () => {
    const before = { clusterWide: { 'log.retention.ms': '1000', 'log.segment.bytes': '1048576' }, perBroker: { '3': { 'num.io.threads': '4' } } };
    const after = { clusterWide: { 'log.retention.ms': '2000' }, perBroker: { '1': { 'num.io.threads': '8' } } };
    expect(dynamicChanges(before, after)).toEqual([
      { entity: 'default', add: { 'log.retention.ms': '2000' }, remove: ['log.segment.bytes'] },
      { entity: '1', add: { 'num.io.threads': '8' }, remove: [] },
      { entity: '3', add: {}, remove: ['num.io.threads'] },
    ]);
  });

  it('finds nothing to do when nothing changed', () => {
    expect(dynamicChanges(EMPTY_DYNAMIC, EMPTY_DYNAMIC)).toEqual([]);
    const same = { clusterWide: { a: '1' }, perBroker: { '1': { b: '2' } } };
    expect(dynamicChanges(same, same)).toEqual([]);
  });
});

describe('kafka-configs arguments', () => {
  it('alters the broker default or one broker, brackets values with commas', () => {
    expect(kafkaConfigsArgs({ entity: 'default', add: { 'log.retention.ms': '2000', 'log.cleanup.policy': 'compact,delete' }, remove: ['log.segment.bytes'] })).toEqual([
      '--alter', '--entity-type', 'brokers', '--entity-default',
      '--add-config', 'log.retention.ms=2000,log.cleanup.policy=[compact,delete]',
      '--delete-config', 'log.segment.bytes',
    ]);
    expect(kafkaConfigsArgs({ entity: '2', add: {}, remove: ['num.io.threads'] })).toEqual(['--alter', '--entity-type', 'brokers', '--entity-name', '2', '--delete-config', 'num.io.threads']);
    expect(configValue('x')).toBe('x');
  });

  it('describes a change for people', () => {
    expect(describeChange({ entity: 'default', add: { 'log.retention.ms': '2000' }, remove: ['log.segment.bytes'] })).toBe('every broker: log.retention.ms=2000, log.segment.bytes removed');
    expect(describeChange({ entity: '2', add: { a: '1' }, remove: [] })).toBe('broker 2: a=1');
  });
});
