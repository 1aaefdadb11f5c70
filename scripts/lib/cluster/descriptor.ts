import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapServers } from '../../../stacks/model/resolve.ts';
import { ADMIN_USER, type SaslMechanism, type SecurityMode } from '../../../stacks/model/security.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { listenerSetLayout } from '../../../stacks/model/listener-sets.ts';
import { clientJaas } from '../../../stacks/render/jaas.ts';
import { protocolFor, zookeeperConnect, type SecurityProtocolName } from '../../../stacks/render/listeners.ts';
import { renderProperties } from '../../../stacks/render/properties.ts';
import { clientSecretPaths } from './secrets.ts';
import { clusterStateDir } from '../core/index.ts';

export type SecurityProtocol = SecurityProtocolName;

export interface NodeDescriptor {
  readonly id: number;
  readonly roles: readonly string[];
  readonly container: string;
  /** Reachable from the host (brokers only). */
  readonly externalAddress?: string;
  /** Reachable on the cluster's Docker network (a placed node: on its host's address). */
  readonly internalAddress: string;
  readonly rack?: string;
  /** The host it runs on, when the cluster declares `hosts`. */
  readonly host?: string;
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
  readonly securityMode: SecurityMode;
  readonly securityProtocol: SecurityProtocol;
  /** TLS modes: the CA bundle to trust; under mtls also the admin's certificate and key. */
  readonly ssl?: { readonly caPath: string; readonly certPath?: string; readonly keyPath?: string };
  /** SASL modes: the admin's credentials, the password by file. */
  readonly sasl?: { readonly mechanism: SaslMechanism; readonly username: string; readonly passwordPath: string };
  /** Kafka CLI tools: `--command-config <clientProperties>`. */
  readonly clientProperties: string;
  /** A kafkajs config as JSON (brokers; ssl and sasl by file path). */
  readonly kafkajsConfig: string;
  /** kcat / librdkafka: `kcat -F <kcatConfig>`. Holds the password itself (librdkafka reads no password file), so it is 0600. */
  readonly kcatConfig: string;
  readonly network: string;
  readonly nodes: readonly NodeDescriptor[];
  /** The hosts the nodes run on (the spec's `hosts`): each one's engine and address. @default - every node on the default engine */
  readonly hosts?: Readonly<Record<string, { readonly docker: string; readonly address: string }>>;
  /** ZooKeeper mode: the ensemble as brokers reach it on the cluster network. */
  readonly zookeeper?: { readonly connect: string; readonly containers: readonly string[] };
  /** A monitored cluster: Prometheus's base URL and the dashboards page, on 127.0.0.1. */
  readonly monitoring?: { readonly prometheusUrl: string; readonly dashboardUrl: string };
  /** Kafka Connect workers: the REST URL of the first worker, and each worker's own, on 127.0.0.1. */
  readonly connect?: ConnectDescriptor;
  /**
   * The Schema Registry: `url` is the base of its Confluent-compatible API on 127.0.0.1 (what
   * `@kafkajs/confluent-schema-registry` takes as its host).
   */
  readonly schemaRegistry?: { readonly url: string; readonly container: string };
}

/** The Connect workers of a cluster, as clients on the host reach them. */
export interface ConnectDescriptor {
  /** The REST API of the first worker (any worker answers for the whole group). */
  readonly restUrl: string;
  /** The Connect group (group.id) the workers join. */
  readonly groupId: string;
  readonly workers: readonly { readonly name: string; readonly container: string; readonly restUrl: string }[];
}

export function descriptorPath(cluster: string): string {
  return join(clusterStateDir(cluster), 'descriptor.json');
}

export function buildDescriptor(cluster: ResolvedCluster, dir: string = clusterStateDir(cluster.name)): ConnectionDescriptor {
  const s = cluster.security;
  const paths = clientSecretPaths(cluster);
  const ports = listenerSetLayout(cluster.listeners.set);
  return {
    cluster: cluster.name,
    kafkaVersion: cluster.kafkaVersion,
    mode: cluster.mode,
    clusterId: cluster.clusterId,
    bootstrapServers: bootstrapServers(cluster),
    securityMode: s.mode,
    securityProtocol: protocolFor(s),
    ...(s.tls
      ? { ssl: { caPath: paths.caPath!, ...(s.clientCerts ? { certPath: paths.certPath!, keyPath: paths.keyPath! } : {}) } }
      : {}),
    ...(s.sasl ? { sasl: { mechanism: s.mechanism, username: ADMIN_USER, passwordPath: paths.passwordPath! } } : {}),
    clientProperties: join(dir, 'client.properties'),
    kafkajsConfig: join(dir, 'kafkajs.json'),
    kcatConfig: join(dir, 'kcat.conf'),
    network: cluster.networkName,
    nodes: cluster.nodes.map((n) => ({
      id: n.id,
      roles: n.roles,
      container: n.containerName,
      ...(n.externalPort !== undefined ? { externalAddress: `${n.placed?.host.address ?? '127.0.0.1'}:${n.externalPort}` } : {}),
      internalAddress: n.placed
        ? `${n.placed.host.address}:${(n.roles.includes('broker') ? n.placed.internalPorts : n.placed.controllerPorts)[cluster.listeners.set]}`
        : `${n.hostname}:${n.roles.includes('broker') ? ports.internalPort : ports.controllerPort}`,
      ...(n.rack !== undefined ? { rack: n.rack } : {}),
      ...(n.placed ? { host: n.placed.host.name } : {}),
    })),
    ...(cluster.hosts ? { hosts: Object.fromEntries(cluster.hosts.map((h) => [h.name, { docker: h.docker, address: h.address }])) } : {}),
    ...(cluster.zookeeper
      ? { zookeeper: { connect: zookeeperConnect(cluster), containers: cluster.zookeeper.servers.map((z) => z.containerName) } }
      : {}),
    ...(cluster.monitoring ? { monitoring: monitoringUrls(cluster.monitoring.prometheusPort) } : {}),
    ...(cluster.connect
      ? {
          connect: {
            restUrl: `http://127.0.0.1:${cluster.connect.workers[0]!.restPort}`,
            groupId: cluster.connect.groupId,
            workers: cluster.connect.workers.map((w) => ({ name: w.hostname, container: w.containerName, restUrl: `http://127.0.0.1:${w.restPort}` })),
          },
        }
      : {}),
    ...(cluster.schemaRegistry ? { schemaRegistry: { url: cluster.schemaRegistry.url, container: cluster.schemaRegistry.containerName } } : {}),
  };
}

/** Prometheus's base URL and the dashboards page (served by Prometheus under /user/). */
export function monitoringUrls(prometheusPort: number): { prometheusUrl: string; dashboardUrl: string } {
  const prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
  return { prometheusUrl, dashboardUrl: `${prometheusUrl}/user/index.html` };
}

/** client.properties for Kafka's CLI tools: passwords through FileConfigProvider, keys by path. */
export function renderClientProperties(d: ConnectionDescriptor, passwordsProperties?: string): string {
  const props: [string, string][] = [
    ['bootstrap.servers', d.bootstrapServers.join(',')],
    ['security.protocol', d.securityProtocol],
  ];
  if (d.ssl) props.push(['ssl.truststore.type', 'PEM'], ['ssl.truststore.location', d.ssl.caPath]);
  if (d.ssl?.certPath) {
    props.push(['ssl.keystore.type', 'PEM'], ['ssl.keystore.location', join(d.ssl.certPath, '..', 'keystore.pem')]);
  }
  if (d.sasl && passwordsProperties) {
    props.push(
      ['config.providers', 'file'],
      ['config.providers.file.class', 'org.apache.kafka.common.config.provider.FileConfigProvider'],
      ['sasl.mechanism', d.sasl.mechanism],
      ['sasl.jaas.config', clientJaas(d.sasl.mechanism, d.sasl.username, passwordsProperties)],
    );
  }
  return renderProperties(props, `cluster ${d.cluster} (${d.securityMode}): use with --command-config (or --producer.config / --consumer.config)`);
}

/** A kafkajs config as plain JSON: secrets by path; `kafkajsConfigFrom` in scripts/lib/kafka turns it into a live config. */
export function renderKafkajsConfig(d: ConnectionDescriptor): string {
  const json = {
    clientId: `kafkalab-${d.cluster}`,
    brokers: d.bootstrapServers,
    ssl: d.ssl ? { ...d.ssl } : false,
    ...(d.sasl ? { sasl: { mechanism: d.sasl.mechanism.toLowerCase(), username: d.sasl.username, passwordPath: d.sasl.passwordPath } } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** kcat (librdkafka) config. librdkafka cannot read a password from a file, so this file holds it: 0600. */
export function renderKcatConfig(d: ConnectionDescriptor, password?: string): string {
  const lines = [`bootstrap.servers=${d.bootstrapServers.join(',')}`, `security.protocol=${d.securityProtocol.toLowerCase()}`];
  if (d.ssl) lines.push(`ssl.ca.location=${d.ssl.caPath}`);
  if (d.ssl?.certPath) lines.push(`ssl.certificate.location=${d.ssl.certPath}`, `ssl.key.location=${d.ssl.keyPath}`);
  if (d.sasl) lines.push(`sasl.mechanisms=${d.sasl.mechanism}`, `sasl.username=${d.sasl.username}`, `sasl.password=${password ?? ''}`);
  return `# cluster ${d.cluster} (${d.securityMode}): kcat -F <this file>\n${lines.join('\n')}\n`;
}

/** Write the descriptor and the client files; every file 0600, the folder 0700. */
export function writeDescriptor(d: ConnectionDescriptor, passwordsProperties?: string): string {
  const dir = clusterStateDir(d.cluster);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const write = (path: string, text: string): void => {
    writeFileSync(path, text, { mode: 0o600 });
    chmodSync(path, 0o600);
  };
  write(d.clientProperties, renderClientProperties(d, passwordsProperties));
  write(d.kafkajsConfig, renderKafkajsConfig(d));
  const password = d.sasl && existsSync(d.sasl.passwordPath) ? readFileSync(d.sasl.passwordPath, 'utf8').trim() : undefined;
  write(d.kcatConfig, renderKcatConfig(d, password));
  const path = descriptorPath(d.cluster);
  write(path, `${JSON.stringify(d, null, 2)}\n`);
  return path;
}

export function readDescriptor(cluster: string): ConnectionDescriptor | undefined {
  const path = descriptorPath(cluster);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ConnectionDescriptor) : undefined;
}
