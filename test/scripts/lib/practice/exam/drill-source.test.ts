import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../stacks/model/resolve.ts';
import { DRILLS } from '../../../../../scripts/lib/practice/drills/index.ts';
import type { Drill } from '../../../../../scripts/lib/practice/drills/kit/types.ts';
import { gradingChoice } from '../../../../../scripts/lib/practice/exam/drill-runner.ts';
import { drillRefOf, examTrackOf, registryDrillSource } from '../../../../../scripts/lib/practice/exam/drill-source.ts';
import { availableItems, selectItems } from '../../../../../scripts/lib/practice/exam/select.ts';

const kraft3 = resolveCluster({ name: 'kraft-3' });
const kraft3Monitored = resolveCluster({ name: 'kraft-3', monitoring: true });
const solo = resolveCluster({ name: 'solo', brokers: 1, security: { mode: 'plaintext' } });

describe('the exam drills come from the drill registry', () => {
  it('puts every drill in an exam domain of its track (chaos drills are operator work)', () => {
    for (const d of DRILLS) {
      const ref = drillRefOf(d);
      expect(ref).toEqual({ id: d.id, track: d.track === 'dev' ? 'dev' : 'ops', domain: d.domain, title: d.title });
    }
    expect(examTrackOf({ track: 'chaos' })).toBe('ops');
  });

  it('fails if a drill names a domain its exam track does not have', () => {
    const bad = { ...DRILLS[0]!, id: 'x', track: 'dev', domain: 'security' } as Drill;
    expect(() => drillRefOf(bad)).toThrow(
      "drill 'x' has domain 'security', which is not a dev exam domain: use one of producers, consumers, topics-and-partitions, streams-and-connect, schemas-and-serialization, transactions-and-semantics, security-for-clients, testing-and-monitoring",
    );
  });

  it('offers on the default cluster every drill of a track but those that need monitoring, Connect or a Schema Registry; with them on, every one', () => {
    const source = registryDrillSource(kraft3);
    expect(source('dev').map((d) => d.id)).toEqual(DRILLS.filter((d) => d.track === 'dev' && !d.needs.connect && !d.needs.schemaRegistry).map((d) => d.id));
    expect(source('ops').map((d) => d.id)).toEqual(DRILLS.filter((d) => d.track !== 'dev' && !d.needs.monitoring && !d.needs.connect && !d.needs.labHosts).map((d) => d.id));
    expect(registryDrillSource(kraft3Monitored)('ops').map((d) => d.id)).toEqual(DRILLS.filter((d) => d.track !== 'dev' && !d.needs.connect && !d.needs.labHosts).map((d) => d.id));
    const all = resolveCluster({ name: 'kraft-3', monitoring: true, connect: true, schemaRegistry: true });
    expect(registryDrillSource(all)('ops').map((d) => d.id)).toEqual(DRILLS.filter((d) => d.track !== 'dev' && !d.needs.labHosts).map((d) => d.id));
    expect(registryDrillSource(all)('dev').map((d) => d.id)).toEqual(DRILLS.filter((d) => d.track === 'dev').map((d) => d.id));
  });

  it('offers a drill that cuts a lab host only on a cluster whose nodes are on lab hosts', () => {
    const labHosts = Object.fromEntries([1, 2, 3].map((k) => [`lab-${k}`, { docker: `unix:///run/kafkalab-lab-${k}.sock`, address: `10.250.${k}.2` }]));
    const onLabHosts = resolveCluster({ name: 'mh-lab', basePort: 27092, hosts: labHosts });
    const onOtherHosts = resolveCluster({ name: 'mh', basePort: 27092, hosts: { a: { docker: 'ssh://kafka@10.0.0.11', address: '10.0.0.11' }, b: { docker: 'ssh://kafka@10.0.0.12', address: '10.0.0.12' }, c: { docker: 'ssh://kafka@10.0.0.13', address: '10.0.0.13' } } });
    for (const cluster of [kraft3, kraft3Monitored, onOtherHosts, resolveCluster({ name: 'kraft-3', monitoring: true, connect: true, schemaRegistry: true })]) {
      expect(registryDrillSource(cluster)('ops').map((d) => d.id), cluster.name).not.toContain('lose-a-host');
    }
    expect(registryDrillSource(onLabHosts)('ops').map((d) => d.id)).toContain('lose-a-host');
    // Drawn by seed over many exams on the default cluster, it never comes up.
    for (let seed = 0; seed < 50; seed++) {
      const items = selectItems([], { track: 'ops', count: 8, seed: `s${seed}`, drills: registryDrillSource(kraft3)('ops') });
      expect(items.map((i) => (i.kind === 'drill' ? i.drill.id : '')), `seed s${seed}`).not.toContain('lose-a-host');
    }
  });

  it('leaves out the drills a cluster cannot run (1 plaintext broker: no chaos, no SCRAM drills)', () => {
    const ops = registryDrillSource(solo)('ops').map((d) => d.id);
    expect(ops).not.toContain('kill-9-broker');
    expect(ops).not.toContain('rotate-user-password');
    expect(ops.length).toBeLessThan(DRILLS.filter((d) => d.track !== 'dev').length);
  });

  it('mixes drills into a selection (a quarter of the items by default)', () => {
    const items = selectItems([], { track: 'ops', count: 4, seed: 's', drills: registryDrillSource(kraft3)('ops') });
    expect(items.every((i) => i.kind === 'drill')).toBe(true);
    expect(availableItems([], registryDrillSource(kraft3)('ops'), 'ops')).toBe(DRILLS.filter((d) => d.track !== 'dev' && !d.needs.monitoring && !d.needs.connect && !d.needs.labHosts).length);
  });
});

describe('gradingChoice', () => {
  it('grades on Enter or any text, skips on s or skip', () => {
    expect(gradingChoice('')).toBe('grade');
    expect(gradingChoice('done')).toBe('grade');
    expect(gradingChoice('s')).toBe('skip');
    expect(gradingChoice(' SKIP ')).toBe('skip');
  });
});
