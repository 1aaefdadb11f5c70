import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Container } from '@cdktf/provider-docker/lib/container/index.js';
import { Volume } from '@cdktf/provider-docker/lib/volume/index.js';
import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { DATA_DIR, SERVER_PROPERTIES_PATH, renderServerProperties } from '../render/server-properties.ts';
import {
  START_SCRIPT_PATH,
  containerEnvFor,
  healthCheckFor,
  renderStartScript,
  startCommandFor,
} from '../render/start-command.ts';
import { adminClientFilesFor } from '../render/admin-client.ts';
import { listenerSetLayout } from '../model/listener-sets.ts';
import { publishedSets } from '../model/resolve.ts';
import type { SecretUpload } from '../render/secret-files.ts';
import { LABELS, labelList } from './labels.ts';
import { hostsFileEntries } from '../model/hosts.ts';
import { literal } from './literal.ts';

export interface KafkaNodeProps {
  readonly cluster: ResolvedCluster;
  readonly node: ResolvedNode;
  /** Image id or tag to run. */
  readonly image: string;
  /** Name of the cluster's Docker network. */
  readonly networkName: string;
  /** Secret files, uploaded by source path and hash (never by content). @default [] */
  readonly secretUploads?: readonly SecretUpload[];
  /** Resources this node must come after (the ZooKeeper ensemble). @default [] */
  readonly dependsOn?: readonly import('cdktf').ITerraformDependable[];
  /** Files beyond the rendered config, uploaded by path and hash (the JMX exporter rules). @default [] */
  readonly fileUploads?: readonly SecretUpload[];
  /**
   * Seconds Docker waits after SIGTERM before killing: time for a controlled shutdown.
   * @default 60
   */
  readonly stopTimeoutSeconds?: number;
  /** The provider of the node's host engine (a placed node). @default - the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** One Kafka process: a named data volume and a container with its rendered config uploaded as files. */
export class KafkaNode extends Construct {
  readonly container: Container;
  readonly volume: Volume;

  constructor(scope: Construct, id: string, props: KafkaNodeProps) {
    super(scope, id);
    const { cluster, node } = props;
    const stopTimeout = props.stopTimeoutSeconds ?? 60;
    const secretUploads = props.secretUploads ?? [];
    const dependsOn = props.dependsOn ?? [];
    const labels: Record<string, string> = {
      [LABELS.cluster]: cluster.name,
      [LABELS.node]: String(node.id),
      [LABELS.roles]: node.roles.join(','),
    };

    const placed = node.placed;
    const provider = props.provider ? { provider: props.provider } : {};
    if (placed) labels[LABELS.host] = placed.host.name;
    this.volume = new Volume(this, 'data', {
      name: node.volumeName,
      labels: labelList(labels),
      ...provider,
    });

    this.container = new Container(this, 'container', {
      name: node.containerName,
      image: props.image,
      ...provider,
      command: startCommandFor(cluster, node),
      env: containerEnvFor(cluster),
      // Starts as root only to hand the root-only secrets to the kafka user; the start script
      // drops privileges before any JVM runs.
      user: '0:0',
      restart: 'unless-stopped',
      mustRun: true,
      stopSignal: 'SIGTERM',
      stopTimeout,
      // Teardown removes the data anyway: a short grace, not a full controlled shutdown.
      destroyGraceSeconds: Math.min(stopTimeout, 15),
      labels: labelList(labels),
      // On the cluster network, host clients only on loopback: the external listener of each set
      // the node binds. Placed on a host: the host's network, every listener on its address.
      ...(placed
        ? { networkMode: 'host', host: hostsFileEntries(cluster.hosts ?? []) }
        : {
            hostname: node.hostname,
            networksAdvanced: [{ name: props.networkName, aliases: [node.hostname] }],
            ports: node.externalPorts
              ? publishedSets(cluster).map((set) => ({ internal: listenerSetLayout(set).externalPort, external: node.externalPorts![set], ip: '127.0.0.1', protocol: 'tcp' }))
              : [],
          }),
      volumes: [{ volumeName: this.volume.name, containerPath: DATA_DIR }],
      upload: [
        { file: SERVER_PROPERTIES_PATH, content: literal(renderServerProperties(cluster, node)) },
        { file: START_SCRIPT_PATH, content: literal(renderStartScript(cluster, node)), executable: true },
        ...adminClientFilesFor(cluster).map((f) => ({ file: f.file, content: literal(f.content) })),
        ...(props.fileUploads ?? []).map((u) => ({ file: u.file, source: u.source, sourceHash: u.sha256, permissions: '0644' })),
        ...secretUploads.map((u) => ({ file: u.file, source: u.source, sourceHash: u.sha256, permissions: '0600' })),
      ],
      healthcheck: {
        test: healthCheckFor(cluster, node),
        interval: '5s',
        timeout: '3s',
        retries: 30,
        startPeriod: '5s',
      },
      wait: false,
      ...(dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {}),
    });
  }
}
