/**
 * The config defaults that exam questions state, checked against live Kafka of the version each
 * claim names: broker keys with DescribeConfigs on the broker, topic keys on a topic created
 * without overrides, producer and consumer keys from the client config classes in the node's own
 * jars. A mismatch names the questions to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigResourceTypes } from 'kafkajs';
import { $ } from 'zx';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { loadBank } from '../../scripts/lib/practice/exam/bank.ts';
import { CLIENT_CONFIG_CLASSES, claimMismatch, observedDefault, parseConfigDocs, type DescribedConfig } from '../../scripts/lib/practice/exam/default-check.ts';
import { claimedVersions, listClaimedDefaults, type ClaimedDefault } from '../../scripts/lib/practice/exam/defaults.ts';
import { ensureTopic, withAdmin } from '../../scripts/lib/kafka/index.ts';
import { clusterStateDir } from '../../scripts/lib/core/paths.ts';
import type { KafkaVersion } from '../../stacks/model/versions.ts';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { npmRun, show, specFile } from './helpers.ts';

const CLUSTERS: Readonly<Record<KafkaVersion, { readonly name: string; readonly basePort: number }>> = {
  '4.4.0': { name: 'e2e-exam-defaults', basePort: 30392 },
  '3.9.1': { name: 'e2e-exam-defaults-39', basePort: 30492 },
};

const claims = listClaimedDefaults(loadBank().questions);
const TOPIC = 'exam-defaults';

/** Every entry of one resource, by name. */
async function describe1(d: ConnectionDescriptor, type: ConfigResourceTypes, name: string): Promise<Map<string, DescribedConfig>> {
  const res = await withAdmin(d, (admin) => admin.describeConfigs({ includeSynonyms: true, resources: [{ type, name }] }));
  const r = res.resources[0];
  if (!r || r.errorCode !== 0) throw new Error(`describeConfigs ${name}: error ${r?.errorCode} ${r?.errorMessage ?? ''}`);
  return new Map(r.configEntries.map((e) => [e.configName, e as unknown as DescribedConfig]));
}

it('the bank states defaults to check', () => {
  expect(claims.length).toBeGreaterThan(0);
});

for (const version of claimedVersions(claims)) {
  const { name, basePort } = CLUSTERS[version];
  const mine = (scope: ClaimedDefault['scope']): ClaimedDefault[] => claims.filter((c) => c.version === version && c.scope === scope);

  describe(`Kafka ${version}: the defaults the questions state (cluster ${name})`, () => {
    const spec: ClusterSpec = { name, kafkaVersion: version, mode: 'kraft-combined', brokers: 1, basePort, security: { mode: 'plaintext' } };
    const file = specFile(spec);
    let d: ConnectionDescriptor;

    beforeAll(async () => {
      await removeLeftovers(name);
      await $({ quiet: true, nothrow: true })`rm -rf ${clusterStateDir(name)}`;
      const up = await npmRun('up', ['--cluster', file]);
      expect(up.code, show(up)).toBe(0);
      d = readDescriptor(name)!;
      expect(d, `descriptor of ${name}`).toBeDefined();
    });

    afterAll(async () => {
      const down = await npmRun('down', ['--cluster', file]);
      expect(down.code, show(down)).toBe(0);
    });

    if (mine('broker').length > 0) it('broker defaults match DescribeConfigs on the broker', async () => {
      const entries = await describe1(d, ConfigResourceTypes.BROKER, String(d.nodes[0]!.id));
      const wrong = mine('broker').flatMap((c) => claimMismatch(c, observedDefault(entries.get(c.key), c.key)) ?? []);
      expect(wrong).toEqual([]);
    });

    if (mine('topic').length > 0) it('topic defaults match DescribeConfigs on a topic created without overrides', async () => {
      await ensureTopic(d, { name: TOPIC, partitions: 1, replicationFactor: 1 });
      const entries = await describe1(d, ConfigResourceTypes.TOPIC, TOPIC);
      const wrong = mine('topic').flatMap((c) => claimMismatch(c, observedDefault(entries.get(c.key), c.key)) ?? []);
      expect(wrong).toEqual([]);
    });

    for (const scope of ['producer', 'consumer'] as const) {
      if (mine(scope).length > 0) it(`${scope} defaults match ${CLIENT_CONFIG_CLASSES[scope]} in the node's jars`, async () => {
        const out = await $({ quiet: true })`docker exec ${d.nodes[0]!.container} kafka-run-class.sh ${CLIENT_CONFIG_CLASSES[scope]}`;
        const docs = parseConfigDocs(out.stdout);
        expect(docs.size, out.stderr).toBeGreaterThan(50);
        const wrong = mine(scope).flatMap((c) => {
          const value = docs.get(c.key);
          return claimMismatch(c, value === undefined ? { problem: `${CLIENT_CONFIG_CLASSES[scope]} documents no '${c.key}'` } : { value }) ?? [];
        });
        expect(wrong).toEqual([]);
      });
    }
  });
}
