import { describe, expect, it } from 'vitest';
import { claimedPorts, resolveCluster } from '../../../stacks/model/resolve.ts';
import type { ListenerState } from '../../../stacks/model/listener-sets.ts';
import type { ClusterSpec } from '../../../stacks/model/spec.ts';
import { adminClientFilesFor, adminClientPathOf } from '../../../stacks/render/admin-client.ts';
import { internalAddressOf, securedOf } from '../../../stacks/render/listeners.ts';
import { serverPropertiesFor } from '../../../stacks/render/server-properties.ts';
import { healthCheckFor } from '../../../stacks/render/start-command.ts';

const spec = (mode: string, extra: Partial<ClusterSpec> = {}): ClusterSpec => ({ name: 'sw', basePort: 20092, security: { mode }, ...extra });
const propsOf = (s: ClusterSpec, state: ListenerState | undefined, nodeIndex = 0): Record<string, string | number | boolean> => {
  const c = resolveCluster(s, state);
  return Object.fromEntries(serverPropertiesFor(c, c.nodes[nodeIndex]!));
};

describe('listener sets of a live security switch (plaintext → sasl_ssl on set b)', () => {
  const step1 = propsOf(spec('sasl_ssl'), { set: 'b', switch: { from: 'plaintext', step: 1 } });
  const step2 = propsOf(spec('sasl_ssl'), { set: 'b', switch: { from: 'plaintext', step: 2 } });
  const done = propsOf(spec('sasl_ssl'), { set: 'b' });

  it('step 1 binds the old listeners and the new ones beside them; nodes still talk on the old set', () => {
    expect(step1).toMatchObject({
      listeners: 'INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://:9093,INTERNAL2://:9192,EXTERNAL2://:9194,CONTROLLER2://:9193',
      'advertised.listeners': 'INTERNAL://kafkalab-sw-kafka-1:9092,EXTERNAL://127.0.0.1:20092,INTERNAL2://kafkalab-sw-kafka-1:9192,EXTERNAL2://127.0.0.1:20101',
      'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,INTERNAL2:SASL_SSL,EXTERNAL2:SASL_SSL,CONTROLLER2:SASL_SSL',
      'inter.broker.listener.name': 'INTERNAL',
      'controller.listener.names': 'CONTROLLER,CONTROLLER2',
      'controller.quorum.voters': '1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093',
      'listener.name.internal2.scram-sha-512.sasl.jaas.config': expect.stringContaining('username="kafkalab-broker"'),
      'listener.name.controller2.sasl.enabled.mechanisms': 'PLAIN',
    });
  });

  it('keeps plaintext clients (the anonymous principal) at full access while the authorizer is on', () => {
    expect(step1['authorizer.class.name']).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(String(step1['super.users']).split(';')).toEqual(['User:admin', 'User:kafkalab-broker', 'User:kafkalab-controller', 'User:ANONYMOUS']);
  });

  it('step 2 moves inter-broker and quorum traffic to the new set, old listeners still bound', () => {
    expect(step2).toMatchObject({
      listeners: step1.listeners,
      'inter.broker.listener.name': 'INTERNAL2',
      'controller.listener.names': 'CONTROLLER2,CONTROLLER',
      'controller.quorum.voters': '1@kafka-1:9193,2@kafka-2:9193,3@kafka-3:9193',
    });
  });

  it('step 3 leaves only the new set, and no anonymous super user', () => {
    expect(done).toMatchObject({
      listeners: 'INTERNAL2://:9192,EXTERNAL2://:9194,CONTROLLER2://:9193',
      'advertised.listeners': 'INTERNAL2://kafkalab-sw-kafka-1:9192,EXTERNAL2://127.0.0.1:20101',
      'listener.security.protocol.map': 'INTERNAL2:SASL_SSL,EXTERNAL2:SASL_SSL,CONTROLLER2:SASL_SSL',
      'inter.broker.listener.name': 'INTERNAL2',
      'controller.listener.names': 'CONTROLLER2',
      'super.users': 'User:admin;User:kafkalab-broker;User:kafkalab-controller',
    });
    expect(Object.keys(done).some((k) => k.startsWith('listener.name.internal.'))).toBe(false);
  });

  it('renders a cluster never switched exactly as before: set a, no second set', () => {
    const plain = propsOf(spec('sasl_ssl'), undefined);
    expect(plain.listeners).toBe('INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://:9093');
    expect(plain['super.users']).toBe('User:admin;User:kafkalab-broker;User:kafkalab-controller');
  });
});

describe('a switch of kraft-dedicated', () => {
  const s = spec('sasl_ssl', { mode: 'kraft-dedicated', brokers: 2, controllers: 3 });
  const state: ListenerState = { set: 'b', switch: { from: 'plaintext', step: 2 } };
  const c = resolveCluster(s, state);

  it('gives a controller both controller listeners and a broker the names of both, the new one first from step 2', () => {
    const controller = Object.fromEntries(serverPropertiesFor(c, c.nodes[0]!));
    const broker = Object.fromEntries(serverPropertiesFor(c, c.nodes[3]!));
    expect(controller).toMatchObject({
      listeners: 'CONTROLLER://:9093,CONTROLLER2://:9193',
      'controller.listener.names': 'CONTROLLER2,CONTROLLER',
      'controller.quorum.voters': '101@controller-1:9193,102@controller-2:9193,103@controller-3:9193',
    });
    expect(controller['inter.broker.listener.name']).toBeUndefined();
    expect(broker).toMatchObject({
      listeners: 'INTERNAL://:9092,EXTERNAL://:9094,INTERNAL2://:9192,EXTERNAL2://:9194',
      'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,INTERNAL2:SASL_SSL,EXTERNAL2:SASL_SSL,CONTROLLER:PLAINTEXT,CONTROLLER2:SASL_SSL',
      'controller.listener.names': 'CONTROLLER2,CONTROLLER',
      'inter.broker.listener.name': 'INTERNAL2',
    });
  });
});

describe('the way back (sasl_ssl → plaintext, new listeners on set a)', () => {
  const state: ListenerState = { set: 'a', switch: { from: 'sasl_ssl', step: 1 } };
  const c = resolveCluster(spec('plaintext'), state);

  it('keeps the secured listeners, their secrets and the authorizer until the last step', () => {
    const p = propsOf(spec('plaintext'), state);
    expect(p['listener.security.protocol.map']).toBe('INTERNAL2:SASL_SSL,EXTERNAL2:SASL_SSL,CONTROLLER2:SASL_SSL,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT');
    expect(p['inter.broker.listener.name']).toBe('INTERNAL2');
    expect(String(p['super.users'])).toContain('User:ANONYMOUS');
    expect(securedOf(c).mode).toBe('sasl_ssl');
  });

  it('ends with plaintext on set a and nothing secured', () => {
    const p = propsOf(spec('plaintext'), { set: 'a' });
    expect(p.listeners).toBe('INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://:9093');
    expect(p['authorizer.class.name']).toBeUndefined();
  });
});

describe('what clients and tools use during a switch', () => {
  const c = resolveCluster(spec('sasl_ssl'), { set: 'b', switch: { from: 'plaintext', step: 1 } });

  it('publishes both sets of host ports, on loopback, and claims them', () => {
    expect(c.nodes[0]!.externalPort).toBe(20101);
    expect(claimedPorts(c)).toEqual([20092, 20101, 20093, 20102, 20094, 20103]);
    expect(claimedPorts(resolveCluster(spec('sasl_ssl')))).toEqual([20092, 20093, 20094]);
  });

  it("points in-container tools at the cluster's set, with that set's own admin config", () => {
    expect(internalAddressOf(c, c.nodes[1]!)).toBe('kafka-2:9192');
    expect(adminClientPathOf(c)).toBe('/opt/kafka/config/admin-client-b.properties');
    expect(adminClientPathOf(resolveCluster(spec('sasl_ssl')))).toBe('/opt/kafka/config/admin-client.properties');
    const files = adminClientFilesFor(c);
    expect(files.map((f) => f.file)).toEqual([
      '/opt/kafka/config/admin-client.properties',
      '/opt/kafka/config/admin-client-a.properties',
      '/opt/kafka/config/admin-client-b.properties',
    ]);
    expect(files[1]!.content).toContain('security.protocol=PLAINTEXT');
    expect(files[2]!.content).toContain('security.protocol=SASL_SSL');
  });

  it('health-checks the listener every step binds: the new set', () => {
    expect(healthCheckFor(c, c.nodes[0]!).at(-1)).toBe('exec 3<>/dev/tcp/127.0.0.1/9192');
  });
});
