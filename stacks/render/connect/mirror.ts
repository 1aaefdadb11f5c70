/**
 * MirrorMaker 2 on a cluster's Connect workers: the three connectors of one flow (source → this
 * cluster), their config, and the secret files the workers need to read the source cluster. The
 * source is read as its own user, with its own CA; secrets by `${file:...}` only.
 */
import type { ResolvedAccess } from '../../model/access.ts';
import type { ResolvedConnect } from '../../model/connect.ts';
import type { ResolvedSecurity } from '../../model/security.ts';
import type { ResolvedCluster } from '../../model/spec.ts';
import { brokersOf } from '../../model/spec.ts';
import type { ResolvedConnector, ResolvedMirror } from '../../model/connectors.ts';
import { mirrorConnectorNamesOf } from '../../model/access-mirrors.ts';
import { clientJaas } from '../jaas.ts';
import { internalPortOf, protocolFor } from '../listeners.ts';
import { SECRETS_RUNTIME_DIR, SECRETS_UPLOAD_DIR } from '../secret-files.ts';
import { workerClientProperties } from './worker.ts';

/** The files of one source cluster in a worker, by kind: the same name in the upload and runtime folders. */
export function mirrorSecretFiles(source: string): { passwords: string; truststore: string; keystore: string } {
  return { passwords: `mirror-${source}-passwords.properties`, truststore: `mirror-${source}-truststore.pem`, keystore: `mirror-${source}-keystore.pem` };
}
export const mirrorUploadPath = (file: string): string => `${SECRETS_UPLOAD_DIR}/${file}`;
const runtime = (file: string): string => `${SECRETS_RUNTIME_DIR}/${file}`;

/** The brokers of a cluster as a client on its network reaches them: by container name, unique on the machine. */
export const containerBootstrap = (cluster: ResolvedCluster): string => brokersOf(cluster).map((b) => `${b.containerName}:${internalPortOf(cluster)}`).join(',');

/** How MirrorMaker 2 reads the source: its security, as `source.cluster.*` settings. */
export function sourceClientProperties(source: string, s: ResolvedSecurity, user: string): [string, string][] {
  const files = mirrorSecretFiles(source);
  const props: [string, string][] = [['security.protocol', protocolFor(s)]];
  if (s.tls) props.push(['ssl.truststore.type', 'PEM'], ['ssl.truststore.location', runtime(files.truststore)]);
  if (s.clientCerts) props.push(['ssl.keystore.type', 'PEM'], ['ssl.keystore.location', runtime(files.keystore)]);
  if (s.sasl) props.push(['sasl.mechanism', s.mechanism], ['sasl.jaas.config', clientJaas(s.mechanism, user, runtime(files.passwords))]);
  return props;
}

/** The three connectors of one flow, with every setting MirrorMaker 2 needs spelled out. */
export function mirrorConnectors(target: ResolvedCluster & { readonly connect: ResolvedConnect }, m: ResolvedMirror): ResolvedConnector[] {
  const rf = String(target.replication.internalReplicationFactor);
  const prefixed = (prefix: string, props: readonly (readonly [string, string | number | boolean])[]): [string, string][] => props.map(([k, v]) => [`${prefix}${k}`, String(v)]);
  const common: Record<string, string> = Object.fromEntries([
    ['source.cluster.alias', m.source],
    ['target.cluster.alias', target.name],
    ['source.cluster.bootstrap.servers', m.sourceBootstrap],
    ['target.cluster.bootstrap.servers', containerBootstrap(target)],
    ...prefixed('source.cluster.', sourceClientProperties(m.source, m.sourceSecurity, m.user)),
    ...prefixed('target.cluster.', workerClientProperties(target, target.connect)),
    ['key.converter', 'org.apache.kafka.connect.converters.ByteArrayConverter'],
    ['value.converter', 'org.apache.kafka.connect.converters.ByteArrayConverter'],
    ['topics', m.topics.join(',')],
    ['offset-syncs.topic.location', 'target'],
    ['offset-syncs.topic.replication.factor', rf],
    ['sync.topic.acls.enabled', 'false'],
    ['sync.topic.configs.enabled', 'false'],
    ['refresh.topics.interval.seconds', '10'],
  ]);
  const [sourceName, checkpointName, heartbeatName] = mirrorConnectorNamesOf(m.source) as [string, string, string];
  const connector = (name: string, cls: string, extra: Record<string, string>): ResolvedConnector => ({
    name,
    class: cls,
    type: 'source',
    tasksMax: 1,
    topics: [],
    config: { ...common, ...extra, name, 'connector.class': cls, 'tasks.max': '1' },
  });
  return [
    connector(sourceName, 'org.apache.kafka.connect.mirror.MirrorSourceConnector', { 'replication.factor': rf, 'offset.lag.max': '0' }),
    connector(checkpointName, 'org.apache.kafka.connect.mirror.MirrorCheckpointConnector', {
      groups: m.groups.join(','),
      'checkpoints.topic.replication.factor': rf,
      'emit.checkpoints.interval.seconds': '5',
      'sync.group.offsets.enabled': 'true',
      'sync.group.offsets.interval.seconds': '5',
      'refresh.groups.interval.seconds': '10',
    }),
    connector(heartbeatName, 'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector', { 'heartbeats.topic.replication.factor': rf, 'emit.heartbeats.interval.seconds': '5' }),
  ];
}

/** Every connector the access stack applies: the declared ones, then each mirror's three. */
export function accessConnectors(cluster: ResolvedCluster, access: ResolvedAccess): ResolvedConnector[] {
  const connect = cluster.connect;
  if (!connect) return [];
  return [...access.connectors, ...access.mirrors.flatMap((m) => mirrorConnectors({ ...cluster, connect }, m))];
}
