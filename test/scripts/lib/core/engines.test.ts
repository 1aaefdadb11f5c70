import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineOf, enginesOfCluster, forgetClusterEngines, recordClusterEngines } from '../../../../scripts/lib/core/engines.ts';

const saved = process.env.KAFKALAB_STATE_DIR;
beforeEach(() => {
  process.env.KAFKALAB_STATE_DIR = mkdtempSync(join(tmpdir(), 'kafkalab-engines-'));
});
afterEach(() => {
  if (saved === undefined) delete process.env.KAFKALAB_STATE_DIR;
  else process.env.KAFKALAB_STATE_DIR = saved;
});

describe('engines: where each container of a multi-host cluster runs', () => {
  it('finds a recorded container on its host engine, anything else on the default engine', () => {
    recordClusterEngines('dc', { a: ['-H', 'unix:///run/a.sock'], b: ['-H', 'ssh://k@b'] }, { 'kafkalab-dc-kafka-1': 'a', 'kafkalab-dc-kafka-2': 'b' });
    expect(engineOf('kafkalab-dc-kafka-2')).toEqual(['-H', 'ssh://k@b']);
    expect(engineOf('kafkalab-other-kafka-1')).toEqual([]);
    expect(enginesOfCluster('dc')).toEqual([[], ['-H', 'unix:///run/a.sock'], ['-H', 'ssh://k@b']]);
    expect(enginesOfCluster('other')).toEqual([[]]);
    recordClusterEngines('local', { a: ['-H', 'unix:///var/run/docker.sock'], b: ['-H', 'unix:///var/run/docker.sock'] }, { 'kafkalab-local-kafka-1': 'a' });
    expect(enginesOfCluster('local')).toEqual([[]]);
  });

  it('replaces a cluster record on a new deploy and forgets it after down, leaving the others', () => {
    recordClusterEngines('dc', { a: ['-H', 'unix:///run/a.sock'] }, { 'kafkalab-dc-kafka-1': 'a' });
    recordClusterEngines('dc2', { z: ['-H', 'unix:///run/z.sock'] }, { 'kafkalab-dc2-kafka-1': 'z' });
    recordClusterEngines('dc', { b: ['-H', 'unix:///run/b.sock'] }, { 'kafkalab-dc-kafka-1': 'b' });
    expect(engineOf('kafkalab-dc-kafka-1')).toEqual(['-H', 'unix:///run/b.sock']);
    forgetClusterEngines('dc');
    expect(engineOf('kafkalab-dc-kafka-1')).toEqual([]);
    expect(engineOf('kafkalab-dc2-kafka-1')).toEqual(['-H', 'unix:///run/z.sock']);
  });
});
