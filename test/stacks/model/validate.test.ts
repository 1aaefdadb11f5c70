import { describe, expect, it } from 'vitest';
import { SpecError, assertValidSpec, validateSpec } from '../../../stacks/model/validate.ts';
import type { ClusterSpec } from '../../../stacks/model/spec.ts';

const only = (spec: ClusterSpec): string[] => validateSpec(spec);

describe('validateSpec', () => {
  it('accepts the default preset and every documented edge', () => {
    expect(only({ name: 'kraft-3' })).toEqual([]);
    expect(only({ name: 'ab', brokers: 1 })).toEqual([]);
    expect(only({ name: 'a'.repeat(32), brokers: 9, basePort: 65527, heapMiB: 256, kafkaVersion: '3.9.1' })).toEqual([]);
  });

  it('fails if brokers is 0', () => {
    expect(only({ name: 'c1', brokers: 0 })).toEqual([
      "'brokers' (0) is out of range: use a whole number from 1 to 9",
    ]);
  });

  it('fails if brokers is 10', () => {
    expect(only({ name: 'c1', brokers: 10 })).toEqual([
      "'brokers' (10) is out of range: use a whole number from 1 to 9",
    ]);
  });

  it('fails if brokers is not a whole number', () => {
    expect(only({ name: 'c1', brokers: 2.5 })).toEqual([
      "'brokers' (2.5) is out of range: use a whole number from 1 to 9",
    ]);
  });

  it('fails if the cluster name is invalid', () => {
    expect(only({ name: 'My_Cluster' })).toEqual([
      "'name' ('My_Cluster') is not a valid cluster name: use 2 to 32 lower-case letters, digits and '-', starting with a letter and not ending with '-'",
    ]);
    expect(only({ name: 'x' })).toHaveLength(1);
    expect(only({ name: 'ends-' })).toHaveLength(1);
    expect(only({ name: '9lives' })).toHaveLength(1);
    expect(only({ name: 'a'.repeat(33) })).toHaveLength(1);
  });

  it('fails if the name is missing', () => {
    expect(only({} as ClusterSpec)).toEqual([
      "'name' (undefined) is not a valid cluster name: use 2 to 32 lower-case letters, digits and '-', starting with a letter and not ending with '-'",
    ]);
  });

  it('fails if the Kafka version is unknown', () => {
    expect(only({ name: 'c1', kafkaVersion: '2.8.0' })).toEqual([
      "'kafkaVersion' ('2.8.0') is not supported: use one of 4.4.0, 3.9.1",
    ]);
  });

  it('fails if the mode is unknown', () => {
    expect(only({ name: 'c1', mode: 'raft' })).toEqual(["'mode' ('raft') is not supported: use one of kraft-combined"]);
  });

  it('fails if the heap is out of range', () => {
    expect(only({ name: 'c1', heapMiB: 64 })).toEqual([
      "'heapMiB' (64) is out of range: use a whole number of MiB from 256 to 8192",
    ]);
  });

  it('fails if the ports do not fit', () => {
    expect(only({ name: 'c1', basePort: 80 })).toEqual([
      "'basePort' (80) is out of range: use a whole number from 1024 to 65533, so that all 3 node ports fit below 65536",
    ]);
    expect(only({ name: 'c1', brokers: 9, basePort: 65530 })).toEqual([
      "'basePort' (65530) is out of range: use a whole number from 1024 to 65527, so that all 9 node ports fit below 65536",
    ]);
  });

  it('fails on an unknown field, naming the known ones', () => {
    expect(only({ name: 'c1', broker: 3 } as unknown as ClusterSpec)).toEqual([
      "unknown field 'broker': remove it (known fields: name, kafkaVersion, mode, brokers, heapMiB, basePort)",
    ]);
  });

  it('reports every problem at once in a SpecError', () => {
    const bad = { name: 'c1', brokers: 0, kafkaVersion: '1.0' };
    expect(() => assertValidSpec(bad)).toThrow(SpecError);
    try {
      assertValidSpec(bad);
    } catch (error) {
      expect((error as SpecError).problems).toHaveLength(2);
      expect((error as SpecError).message).toContain("cluster spec 'c1' is invalid:");
    }
  });
});
