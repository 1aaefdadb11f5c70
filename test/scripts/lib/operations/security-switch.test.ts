import { describe, expect, it } from 'vitest';
import { listenerStateProblems } from '../../../../stacks/model/listener-sets.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import type { ClusterSpec } from '../../../../stacks/model/spec.ts';
import { SwitchRefused, clusterAtStep, planSwitch, specInMode, switchStateAt } from '../../../../scripts/lib/operations/security-switch.ts';

const spec: ClusterSpec = { name: 'sw', basePort: 20092, security: { mode: 'plaintext' } };
const refusal = (f: () => unknown): { message: string; kind: string } => {
  try {
    f();
  } catch (error) {
    if (error instanceof SwitchRefused) return { message: error.message, kind: error.kind };
    throw error;
  }
  throw new Error('did not refuse');
};

describe('planSwitch', () => {
  it('plans plaintext → sasl_ssl onto the other listener set, from step 1', () => {
    expect(planSwitch(resolveCluster(spec), 'sasl_ssl')).toEqual({ from: 'plaintext', to: 'sasl_ssl', set: 'b', firstStep: 1 });
  });

  it('plans the way back onto set a', () => {
    const c = resolveCluster(specInMode(spec, 'sasl_ssl'), { set: 'b' });
    expect(planSwitch(c, 'plaintext')).toEqual({ from: 'sasl_ssl', fromMechanism: 'SCRAM-SHA-512', to: 'plaintext', set: 'a', firstStep: 1 });
  });

  it('keeps a non-default SASL mechanism on the old listeners until they go, and out of the plaintext spec', () => {
    const scram256: ClusterSpec = { ...spec, security: { mode: 'sasl_ssl', mechanism: 'SCRAM-SHA-256' } };
    const plan = planSwitch(resolveCluster(scram256, { set: 'b' }), 'plaintext');
    expect(plan.fromMechanism).toBe('SCRAM-SHA-256');
    expect(specInMode(scram256, 'plaintext').security).toEqual({ mode: 'plaintext' });
    const mid = clusterAtStep(scram256, plan, 1);
    expect([mid.security.mode, mid.listeners.switch?.from.mechanism]).toEqual(['plaintext', 'SCRAM-SHA-256']);
    expect(clusterAtStep(specInMode(scram256, 'plaintext'), plan, 0).security.mechanism).toBe('SCRAM-SHA-256');
    expect(switchStateAt(2, plan)).toEqual({ set: 'a', switch: { from: 'sasl_ssl', step: 2, mechanism: 'SCRAM-SHA-256' } });
  });

  it('resumes an interrupted switch at the step it was in', () => {
    const c = resolveCluster(specInMode(spec, 'sasl_ssl'), { set: 'b', switch: { from: 'plaintext', step: 2 } });
    expect(planSwitch(c, 'sasl_ssl')).toEqual({ from: 'plaintext', to: 'sasl_ssl', set: 'b', firstStep: 2 });
  });

  it('fails if the target mode cannot be switched to live, naming the recreate alternative', () => {
    expect(refusal(() => planSwitch(resolveCluster(spec), 'mtls'))).toEqual({
      kind: 'usage',
      message: "'--to' (\"mtls\") cannot be switched to live: use one of plaintext, sasl_ssl (other modes: npm run deploy -- --cluster sw --security mtls recreates the cluster)",
    });
  });

  it('fails if the cluster already runs the mode', () => {
    expect(refusal(() => planSwitch(resolveCluster(spec), 'plaintext')).message).toBe("cluster 'sw' already runs with security 'plaintext': nothing to switch");
  });

  it('fails if the cluster runs in ZooKeeper mode', () => {
    const zk = resolveCluster({ ...spec, mode: 'zookeeper', zookeepers: 1 });
    expect(refusal(() => planSwitch(zk, 'sasl_ssl')).message).toBe(
      "cluster 'sw' runs in ZooKeeper mode: the live security switch is for KRaft clusters (ZooKeeper's own links would have to be secured too); npm run deploy -- --cluster sw --security sasl_ssl recreates it in that mode",
    );
  });

  it('fails if another switch is half done, naming the way to finish it', () => {
    const c = resolveCluster(specInMode(spec, 'sasl_ssl'), { set: 'b', switch: { from: 'plaintext', step: 1 } });
    expect(refusal(() => planSwitch(c, 'plaintext')).message).toBe(
      "cluster 'sw' is in the middle of a switch from 'plaintext' to 'sasl_ssl' (step 1 of 3): finish it first with --to sasl_ssl",
    );
  });

  it('fails if the cluster runs a mode the live switch does not cover', () => {
    expect(refusal(() => planSwitch(resolveCluster(specInMode(spec, 'mtls')), 'plaintext')).message).toBe(
      "cluster 'sw' runs with security 'mtls', which cannot be switched live: the live switch goes between plaintext and sasl_ssl; npm run deploy -- --cluster sw --security plaintext recreates it",
    );
  });
});

describe('the states of a switch', () => {
  const plan = { from: 'plaintext', to: 'sasl_ssl', set: 'b', firstStep: 1 } as const;

  it('goes from the old set, through two mixed steps, to the new set alone', () => {
    expect([0, 1, 2, 3].map((s) => switchStateAt(s as 0 | 1 | 2 | 3, plan))).toEqual([
      { set: 'a' },
      { set: 'b', switch: { from: 'plaintext', step: 1 } },
      { set: 'b', switch: { from: 'plaintext', step: 2 } },
      { set: 'b' },
    ]);
  });

  it('resolves each step: the old mode before, the new one after, both sets in between', () => {
    expect(clusterAtStep(spec, plan, 0).security.mode).toBe('plaintext');
    expect(clusterAtStep(spec, plan, 0).nodes[0]!.externalPort).toBe(20092);
    const mid = clusterAtStep(spec, plan, 1);
    expect([mid.security.mode, mid.listeners.switch?.from.mode, mid.nodes[0]!.externalPort]).toEqual(['sasl_ssl', 'plaintext', 20101]);
    expect(clusterAtStep(spec, plan, 3).listeners).toEqual({ set: 'b' });
  });
});

describe('listenerStateProblems', () => {
  it('accepts the states a switch writes', () => {
    expect(listenerStateProblems({ set: 'b', switch: { from: 'plaintext', step: 2 } })).toEqual([]);
  });

  it('fails if the file holds something else, naming each field', () => {
    expect(listenerStateProblems([])).toEqual(['must hold a JSON object such as { "set": "a" }']);
    expect(listenerStateProblems({ set: 'c', switch: { from: 'mtls', step: 3, mechanism: 'MD5' } })).toEqual([
      `'set' ("c") must be "a" or "b"`,
      `'switch.from' ("mtls") must be one of plaintext, sasl_ssl`,
      `'switch.step' (3) must be 1 or 2`,
      `'switch.mechanism' ("MD5") must be one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN`,
    ]);
  });
});
