/**
 * A Streams app's container: the cluster's Kafka image on the cluster's network, started with
 * `docker create` + `docker cp` + `docker start` (not Terraform), labelled with the cluster and the
 * role `streams` so `npm run down` removes it. As the admin for now.
 *
 * Secrets as in every kafkalab container: the cluster's CA and the admin's password (or certificate)
 * are copied, root-only, into the upload folder before the container starts; its start script,
 * running as root, hands them to the kafka user in /run/kafkalab and drops to that user before the
 * JVM starts (privilegeDropLines). The Streams config names them by path (FileConfigProvider for
 * the password): no secret is on a command line or in the container's environment.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { $ } from 'zx';
import { LABELS } from '../../../stacks/constructs/labels.ts';
import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { kafkaMajor, type KafkaVersion } from '../../../stacks/model/versions.ts';
import { adminClientPropertiesFor } from '../../../stacks/render/admin-client.ts';
import { internalPortOf } from '../../../stacks/render/listeners.ts';
import { privilegeDropLines } from '../../../stacks/render/privilege-drop.ts';
import { renderProperties } from '../../../stacks/render/properties.ts';
import { SECRET_FILES, SECRETS_UPLOAD_DIR, SECURE_JVM_OPTS } from '../../../stacks/render/secret-files.ts';
import { clientSecretPaths } from '../cluster/index.ts';
import { DEFAULT_GUARANTEE, type ProcessingGuarantee, type StreamsApp } from './apps.ts';

/** Where an app's files are in its container: the class, its config, its start script, the Streams jars (libs/). */
export const STREAMS_DIR = '/opt/kafkalab/streams';
export const STREAMS_PATHS = {
  config: `${STREAMS_DIR}/streams.properties`,
  start: `${STREAMS_DIR}/start.sh`,
  libs: `${STREAMS_DIR}/libs`,
} as const;
/** The app's HTTP port (GET /status) inside its container; not published: status asks through docker exec. */
export const STREAMS_HTTP_PORT = 8080;
/** Streams' state folder: under /var/lib/kafka, which the image gives the kafka user. */
export const STREAMS_STATE_DIR = '/var/lib/kafka/streams';
/** The role label of a Streams app's container. */
export const STREAMS_ROLE = 'streams';

/** `kafkalab-<cluster>-streams-<app>`: under the cluster's prefix, unique on the machine. */
export function streamsContainerName(cluster: Pick<ResolvedCluster, 'name'>, app: Pick<StreamsApp, 'name'>): string {
  return `kafkalab-${cluster.name}-streams-${app.name}`;
}

/** Its hostname on the cluster's network. */
export function streamsHostname(app: Pick<StreamsApp, 'name'>): string {
  return `streams-${app.name}`;
}

/** Replication of the app's internal topics (repartition, changelog) and of the topics it is given: like the cluster's internal topics. */
export function streamsReplicationFactor(cluster: ResolvedCluster): number {
  return cluster.replication.internalReplicationFactor;
}

/** The app's Streams config: the brokers by container name on the cluster network, exactly-once (or the guarantee given), as the admin. */
export function renderStreamsProperties(cluster: ResolvedCluster, app: StreamsApp, guarantee: ProcessingGuarantee = DEFAULT_GUARANTEE): string {
  return renderProperties(
    [
      ['application.id', app.applicationId],
      ['bootstrap.servers', brokersOf(cluster).map((b) => `${b.containerName}:${internalPortOf(cluster)}`).join(',')],
      ['client.id', app.applicationId],
      ['processing.guarantee', guarantee],
      ['replication.factor', String(streamsReplicationFactor(cluster))],
      ['state.dir', STREAMS_STATE_DIR],
      ['num.stream.threads', '1'],
      // A stopped or killed instance leaves the group after 10 s, not the default 45 s: a restart,
      // the reset tool and a drill's checks wait that much less (the brokers allow 6 s and up).
      ['consumer.session.timeout.ms', '10000'],
      ['consumer.heartbeat.interval.ms', '3000'],
      ['kafkalab.input.topic', app.inputTopic],
      ['kafkalab.output.topic', app.outputTopic],
      ...adminClientPropertiesFor(cluster),
    ],
    `Kafka Streams app ${app.name} of cluster ${cluster.name}, as the admin`,
  );
}

/** The JVM's logging: Kafka's own WARN-to-stderr config of its tools (log4j2 in 4.x, log4j 1 in 3.x). */
function loggingOption(version: KafkaVersion): string {
  return kafkaMajor(version) >= 4 ? '-Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.xml' : '-Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties';
}

/** The app's JVM command: the image's jars, the Streams jars and the class; a small heap; out of memory ends the JVM (the restart policy applies). */
export function streamsJavaCommand(version: KafkaVersion, app: StreamsApp, port: number = STREAMS_HTTP_PORT): string[] {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`a Streams app's port must be 1-65535, not ${port}`);
  return [
    'java',
    '-Xms64m',
    '-Xmx256m',
    '-XX:+UseSerialGC',
    '-XX:+ExitOnOutOfMemoryError',
    SECURE_JVM_OPTS,
    loggingOption(version),
    '-cp',
    `/opt/kafka/libs/*:${STREAMS_PATHS.libs}/*:${STREAMS_DIR}`,
    app.className,
    STREAMS_PATHS.config,
    String(port),
  ];
}

/** Start script: secrets to the kafka user, then the app in the foreground. */
export function renderStreamsStartScript(cluster: ResolvedCluster, app: StreamsApp): string {
  // Quoted for the shell: the classpath's '*' is for the JVM, not a glob.
  const java = streamsJavaCommand(cluster.kafkaVersion, app).map((a) => (a.includes('*') ? `'${a}'` : a));
  return ['#!/bin/bash', `# rendered by kafkalab: Kafka Streams app ${app.name} of cluster ${cluster.name}`, 'set -euo pipefail', ...privilegeDropLines(), `exec ${java.join(' ')}`, ''].join('\n');
}

/** `docker create` arguments of the app's container (no secret among them). */
export function streamsCreateArgs(cluster: ResolvedCluster, app: StreamsApp, image: string): string[] {
  return [
    'create',
    '--name', streamsContainerName(cluster, app),
    '--hostname', streamsHostname(app),
    '--label', `${LABELS.cluster}=${cluster.name}`,
    '--label', `${LABELS.roles}=${STREAMS_ROLE}`,
    '--network', cluster.networkName,
    '--network-alias', streamsHostname(app),
    // Root only for the start script's first lines: it drops to the kafka user before the JVM.
    '--user', '0:0',
    '--restart', 'unless-stopped',
    '--stop-timeout', '30',
    image,
    'bash', STREAMS_PATHS.start,
  ];
}

export interface StreamsFiles {
  /** The compiled class file. */
  readonly classFile: string;
  /** The folder of the Streams jars (ensureStreamsJars). */
  readonly jarsDir: string;
}

/**
 * The app's files as a tar stream to extract at the container's `/`: the secrets, root's and 0600,
 * in the upload folder (opt/kafka/secrets); the class, config, start script and Streams jars in
 * opt/kafkalab/streams, root's and world-readable. Only these folders are in it (not opt/ nor
 * opt/kafka/), so extracting it changes nothing else of the image.
 */
export function streamsFilesTar(cluster: ResolvedCluster, app: StreamsApp, files: StreamsFiles, guarantee: ProcessingGuarantee = DEFAULT_GUARANTEE): Buffer {
  const paths = clientSecretPaths(cluster);
  const tmp = mkdtempSync(join(tmpdir(), 'kafkalab-streams-'));
  try {
    const secrets = join(tmp, SECRETS_UPLOAD_DIR);
    mkdirSync(secrets, { recursive: true, mode: 0o700 });
    const secret = (name: string, source: string): void => writeFileSync(join(secrets, name), readFileSync(source), { mode: 0o600 });
    if (paths.caPath) secret(SECRET_FILES.truststore, paths.caPath);
    if (paths.keystorePath) secret(SECRET_FILES.adminKeystore, paths.keystorePath);
    if (paths.passwordsProperties) secret(SECRET_FILES.passwords, paths.passwordsProperties);
    const dir = join(tmp, STREAMS_DIR);
    mkdirSync(join(tmp, STREAMS_PATHS.libs), { recursive: true, mode: 0o755 });
    writeFileSync(join(tmp, STREAMS_PATHS.config), renderStreamsProperties(cluster, app, guarantee), { mode: 0o644 });
    writeFileSync(join(tmp, STREAMS_PATHS.start), renderStreamsStartScript(cluster, app), { mode: 0o755 });
    copyFileSync(files.classFile, join(dir, `${app.className}.class`));
    for (const jar of readdirSync(files.jarsDir).filter((n) => n.endsWith('.jar'))) copyFileSync(join(files.jarsDir, jar), join(tmp, STREAMS_PATHS.libs, jar));
    const tarPath = join(tmp, 'files.tar');
    const members = [SECRETS_UPLOAD_DIR, STREAMS_DIR].map((p) => p.replace(/^\//, ''));
    const r = $.sync({ quiet: true, nothrow: true })`tar -c -f ${tarPath} --owner=0 --group=0 --numeric-owner -C ${tmp} ${members}`;
    if (r.exitCode !== 0) throw new Error(`tar of the Streams app's files failed: ${r.stderr.trim()}`);
    return readFileSync(tarPath);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Where the tar of streamsFilesTar is extracted. */
export const STREAMS_TAR_ROOT = posix.sep;
