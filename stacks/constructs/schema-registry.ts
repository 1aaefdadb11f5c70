import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Container } from '@cdktf/provider-docker/lib/container/index.js';
import { SCHEMA_REGISTRY_HTTP_PORT, type ResolvedSchemaRegistry } from '../model/schema-registry.ts';
import type { ResolvedCluster } from '../model/spec.ts';
import { SCHEMA_REGISTRY_PATHS, registryHealthCommand, renderRegistryProperties, renderRegistryStartScript } from '../render/schema-registry.ts';
import type { SecretUpload } from '../render/secret-files.ts';
import { LABELS, labelList } from './labels.ts';
import { literal } from './literal.ts';

export interface SchemaRegistryProps {
  readonly cluster: ResolvedCluster;
  readonly registry: ResolvedSchemaRegistry;
  /** The registry image tag (built locally, never pulled). */
  readonly image: string;
  /** Its secret files (its user's password or certificate, the CA), by path and hash. @default [] */
  readonly secretUploads?: readonly SecretUpload[];
  /** What must exist first (its user and grants). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** How long Terraform waits for a new registry to report ready. @default 240 */
  readonly healthyTimeoutSeconds?: number;
}

/**
 * The Schema Registry of a cluster: one container on the cluster network, its APIs published on
 * 127.0.0.1 only (they have no authentication of their own). Terraform waits until it is ready
 * (its journal replayed), so what depends on it finds the API answering.
 */
export class SchemaRegistry extends Construct {
  readonly container: Container;

  constructor(scope: Construct, id: string, props: SchemaRegistryProps) {
    super(scope, id);
    const { cluster, registry } = props;
    const dependsOn = props.dependsOn ?? [];
    this.container = new Container(this, 'container', {
      name: registry.containerName,
      hostname: registry.hostname,
      image: props.image,
      entrypoint: ['bash'],
      command: [SCHEMA_REGISTRY_PATHS.start],
      // Starts as root only to hand the root-only secrets to the kafka user (privilege-drop.ts).
      user: '0:0',
      restart: 'unless-stopped',
      mustRun: true,
      stopTimeout: 20,
      destroyGraceSeconds: 10,
      labels: labelList({ [LABELS.cluster]: cluster.name, [LABELS.roles]: 'schema-registry' }),
      networksAdvanced: [{ name: cluster.networkName, aliases: [registry.hostname] }],
      ports: [{ internal: SCHEMA_REGISTRY_HTTP_PORT, external: registry.hostPort, ip: '127.0.0.1', protocol: 'tcp' }],
      healthcheck: { test: registryHealthCommand(), interval: '2s', timeout: '2s', retries: 3, startPeriod: '3m0s' },
      wait: true,
      waitTimeout: props.healthyTimeoutSeconds ?? 240,
      upload: [
        { file: SCHEMA_REGISTRY_PATHS.properties, content: literal(renderRegistryProperties(cluster, registry)) },
        { file: SCHEMA_REGISTRY_PATHS.start, content: literal(renderRegistryStartScript(cluster, registry)), executable: true },
        ...(props.secretUploads ?? []).map((u) => ({ file: u.file, source: u.source, sourceHash: u.sha256, permissions: '0600' })),
      ],
      ...(dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {}),
    });
  }
}
