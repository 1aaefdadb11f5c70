import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapServers } from '../../stacks/model/resolve.ts';
import { CONTAINER_PORTS, type ResolvedCluster } from '../../stacks/model/spec.ts';
import { renderProperties } from '../../stacks/render/properties.ts';
import { zookeeperConnect } from '../../stacks/render/listeners.ts';
import { clusterStateDir } from './paths.ts';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

export interface NodeDescriptor {
  readonly id: number;
  readonly roles: readonly string[];
  readonly container: string;
  /** Reachable from the host (brokers only). */
  readonly externalAddress?: string;
  readonly rack?: string;
  /** Reachable on the cluster's Docker network. */
  readonly internalAddress: string;
}

/**
 * The connection descriptor: everything a client needs to connect, with secrets referenced by
 * path only. Written by deploy into the state folder; printed by `npm run info -- --json`.
 */
export interface ConnectionDescriptor {
  readonly cluster: string;
  readonly kafkaVersion: string;
  readonly mode: string;
  readonly clusterId: string;
  readonly bootstrapServers: readonly string[];
  readonly securityProtocol: SecurityProtocol;
  /** Kafka CLI tools: `--command-config <clientProperties>`. */
  readonly clientProperties: string;
  /** A kafkajs `KafkaConfig` as JSON (brokers, ssl, sasl by file path). */
  readonly kafkajsConfig: string;
  readonly network: string;
  readonly nodes: readonly NodeDescriptor[];
  /** ZooKeeper mode: the ensemble as brokers reach it on the cluster network. */
  readonly zookeeper?: { readonly connect: string; readonly containers: readonly string[] };
}

export function descriptorPath(cluster: string): string {
  return join(clusterStateDir(cluster), 'descriptor.json');
}

export function buildDescriptor(cluster: ResolvedCluster, dir: string = clusterStateDir(cluster.name)): ConnectionDescriptor {
  return {
    cluster: cluster.name,
    kafkaVersion: cluster.kafkaVersion,
    mode: cluster.mode,
    clusterId: cluster.clusterId,
    bootstrapServers: bootstrapServers(cluster),
    securityProtocol: 'PLAINTEXT',
    clientProperties: join(dir, 'client.properties'),
    kafkajsConfig: join(dir, 'kafkajs.json'),
    network: cluster.networkName,
    nodes: cluster.nodes.map((n) => ({
      id: n.id,
      roles: n.roles,
      container: n.containerName,
      ...(n.externalPort !== undefined ? { externalAddress: `127.0.0.1:${n.externalPort}` } : {}),
      internalAddress: `${n.hostname}:${n.roles.includes('broker') ? CONTAINER_PORTS.internal : CONTAINER_PORTS.controller}`,
      ...(n.rack !== undefined ? { rack: n.rack } : {}),
    })),
    ...(cluster.zookeeper
      ? { zookeeper: { connect: zookeeperConnect(cluster), containers: cluster.zookeeper.servers.map((z) => z.containerName) } }
      : {}),
  };
}

/** client.properties for Kafka's CLI tools. */
export function renderClientProperties(d: ConnectionDescriptor): string {
  return renderProperties(
    [
      ['bootstrap.servers', d.bootstrapServers.join(',')],
      ['security.protocol', d.securityProtocol],
    ],
    `cluster ${d.cluster}: use with --command-config (or --producer.config / --consumer.config)`,
  );
}

/** A kafkajs KafkaConfig, as plain JSON. */
export function renderKafkajsConfig(d: ConnectionDescriptor): string {
  return `${JSON.stringify({ clientId: `kafkalab-${d.cluster}`, brokers: d.bootstrapServers, ssl: false }, null, 2)}\n`;
}

/** Write the descriptor and the client files; every file 0600, the folder 0700. */
export function writeDescriptor(d: ConnectionDescriptor): string {
  const dir = clusterStateDir(d.cluster);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const write = (path: string, text: string): void => {
    writeFileSync(path, text, { mode: 0o600 });
    chmodSync(path, 0o600);
  };
  write(d.clientProperties, renderClientProperties(d));
  write(d.kafkajsConfig, renderKafkajsConfig(d));
  const path = descriptorPath(d.cluster);
  write(path, `${JSON.stringify(d, null, 2)}\n`);
  return path;
}

export function readDescriptor(cluster: string): ConnectionDescriptor | undefined {
  const path = descriptorPath(cluster);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ConnectionDescriptor) : undefined;
}
