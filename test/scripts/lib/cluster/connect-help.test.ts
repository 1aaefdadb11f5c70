import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { buildDescriptor } from '../../../../scripts/lib/cluster/descriptor.ts';
import { renderConnectHelp } from '../../../../scripts/lib/cluster/connect-help.ts';

const lab = (n: number) => ({ docker: `unix:///run/kafkalab-lab-${n}.sock`, address: `10.250.${n}.2` });

describe('connect help of a cluster placed on hosts', () => {
  const d = buildDescriptor(resolveCluster({ name: 'mh', hosts: { 'lab-1': lab(1), 'lab-2': lab(2) }, brokers: 3 }), '/state/mh');

  it('describes each node on its host, by the host address', () => {
    expect(d.bootstrapServers).toEqual(['10.250.1.2:19092', '10.250.2.2:19093', '10.250.1.2:19094']);
    expect(d.nodes.map((n) => [n.container, n.host, n.internalAddress])).toEqual([
      ['kafkalab-mh-kafka-1', 'lab-1', '10.250.1.2:19124'],
      ['kafkalab-mh-kafka-2', 'lab-2', '10.250.2.2:19125'],
      ['kafkalab-mh-kafka-3', 'lab-1', '10.250.1.2:19126'],
    ]);
    expect(d.hosts).toEqual({ 'lab-1': lab(1), 'lab-2': lab(2) });
  });

  it("reaches a node's container through its host's engine, and lists the hosts", () => {
    const help = renderConnectHelp(d);
    expect(help).toContain('  docker -H unix:///run/kafkalab-lab-1.sock exec -it kafkalab-mh-kafka-1 kafka-topics.sh --bootstrap-server 10.250.1.2:19124 ');
    expect(help).toContain('hosts:\n  lab-1: 10.250.1.2 (docker -H unix:///run/kafkalab-lab-1.sock): kafkalab-mh-kafka-1, kafkalab-mh-kafka-3\n  lab-2: 10.250.2.2 (docker -H unix:///run/kafkalab-lab-2.sock): kafkalab-mh-kafka-2');
  });

  it('leaves a one-engine cluster as it was: no hosts, docker exec on this machine', () => {
    const one = buildDescriptor(resolveCluster({ name: 'one' }), '/state/one');
    expect(one.hosts).toBeUndefined();
    expect(renderConnectHelp(one)).toContain('  docker exec -it kafkalab-one-kafka-1 ');
    expect(renderConnectHelp(one)).not.toContain('hosts:');
  });
});
