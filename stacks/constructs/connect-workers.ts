import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Container } from '@cdktf/provider-docker/lib/container/index.js';
import { CONNECT_REST_PORT, type ResolvedConnect } from '../model/connect.ts';
import type { ResolvedCluster } from '../model/spec.ts';
import { CONNECT_WORKER_PATHS, renderWorkerProperties, renderWorkerStartScript, workerHealthCommand } from '../render/connect/worker.ts';
import type { SecretUpload } from '../render/secret-files.ts';
import { LABELS, labelList } from './labels.ts';
import { literal } from './literal.ts';

export interface ConnectWorkersProps {
  readonly cluster: ResolvedCluster;
  readonly connect: ResolvedConnect;
  /** The Connect image tag (built locally, never pulled). */
  readonly image: string;
  readonly networkName: string;
  /** Other clusters' networks the workers join too (MirrorMaker 2 sources). @default [] */
  readonly extraNetworks?: readonly string[];
  /** The workers' secret files (their user's password or certificate, the CA), by path and hash. @default [] */
  readonly secretUploads?: readonly SecretUpload[];
  /** What must exist first (the workers' user and grants). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** How long Terraform waits for a new worker to report healthy. @default 180 */
  readonly healthyTimeoutSeconds?: number;
}

/**
 * The Connect workers of a cluster: one container each on the cluster network, REST published on
 * 127.0.0.1. Terraform waits until each is healthy (it lists connectors, so it has joined its
 * group), so connectors that depend on the workers are created against a group that answers.
 */
export class ConnectWorkers extends Construct {
  readonly containers: readonly Container[];

  constructor(scope: Construct, id: string, props: ConnectWorkersProps) {
    super(scope, id);
    const { cluster, connect } = props;
    const dependsOn = props.dependsOn ?? [];
    const secrets = props.secretUploads ?? [];
    this.containers = connect.workers.map(
      (w) =>
        new Container(this, w.hostname, {
          name: w.containerName,
          hostname: w.hostname,
          image: props.image,
          entrypoint: ['bash'],
          command: [CONNECT_WORKER_PATHS.start],
          // Starts as root only to hand the root-only secrets to the kafka user (privilege-drop.ts).
          user: '0:0',
          restart: 'unless-stopped',
          mustRun: true,
          stopTimeout: 20,
          destroyGraceSeconds: 10,
          labels: labelList({ [LABELS.cluster]: cluster.name, [LABELS.roles]: 'connect' }),
          networksAdvanced: [{ name: props.networkName, aliases: [w.hostname] }, ...(props.extraNetworks ?? []).map((name) => ({ name }))],
          ports: [{ internal: CONNECT_REST_PORT, external: w.restPort, ip: '127.0.0.1', protocol: 'tcp' }],
          healthcheck: { test: workerHealthCommand(), interval: '2s', timeout: '2s', retries: 3, startPeriod: '2m0s' },
          wait: true,
          waitTimeout: props.healthyTimeoutSeconds ?? 180,
          upload: [
            { file: CONNECT_WORKER_PATHS.properties, content: literal(renderWorkerProperties(cluster, connect, w)) },
            { file: CONNECT_WORKER_PATHS.start, content: literal(renderWorkerStartScript(cluster, connect, w)), executable: true },
            ...secrets.map((u) => ({ file: u.file, source: u.source, sourceHash: u.sha256, permissions: '0600' })),
          ],
          ...(dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {}),
        }),
    );
  }
}
