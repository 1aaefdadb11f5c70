import { Construct } from 'constructs';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider/index.js';
import type { ResolvedCluster } from './model/spec.ts';
import { KafkaCluster } from './constructs/kafka-cluster.ts';
import type { SecretUpload } from './render/secret-files.ts';
import type { MonitoringInput } from './constructs/cluster-monitoring.ts';

/** The docker provider version built into the local mirror by setup (the bindings pin 3.6.2). */
export const DOCKER_PROVIDER_VERSION = '4.6.0';

export interface ClusterStackProps {
  readonly cluster: ResolvedCluster;
  readonly imageTag: string;
  /** Terraform state file, relative to the stack's synthesized folder. */
  readonly statePath: string;
  /** Secret files per hostname, prepared in the state folder before synthesis. @default {} */
  readonly secretUploads?: Readonly<Record<string, readonly SecretUpload[]>>;
  /** A monitored cluster's images and files. @default - none (required when the cluster has monitoring) */
  readonly monitoring?: MonitoringInput;
  /**
   * Per TLS host: a folder holding its engine's ca.pem, cert.pem and key.pem (the provider's
   * `cert_path`), prepared in the state folder. @default {}
   */
  readonly engineCertDirs?: Readonly<Record<string, string>>;
}

/** One stack per cluster, named after the cluster. */
export class ClusterStack extends TerraformStack {
  readonly kafka: KafkaCluster;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id);
    new LocalBackend(this, { path: props.statePath });
    new DockerProvider(this, 'docker', {});
    this.addOverride('terraform.required_providers.docker.version', DOCKER_PROVIDER_VERSION);
    // One provider alias per host (Terraform cannot iterate over aliases: each is written out).
    const certDirs = props.engineCertDirs ?? {};
    const engines = Object.fromEntries(
      (props.cluster.hosts ?? []).map((h) => [
        h.name,
        new DockerProvider(this, `docker-${h.name}`, { alias: h.name, host: h.docker, ...(certDirs[h.name] ? { certPath: certDirs[h.name] } : {}) }),
      ]),
    );
    this.kafka = new KafkaCluster(this, 'kafka', {
      cluster: props.cluster,
      engines,
      imageTag: props.imageTag,
      secretUploads: props.secretUploads ?? {},
      ...(props.monitoring ? { monitoring: props.monitoring } : {}),
    });
    new TerraformOutput(this, 'bootstrap_servers', { value: this.kafka.bootstrapServers });
    new TerraformOutput(this, 'cluster_id', { value: props.cluster.clusterId });
    new TerraformOutput(this, 'network', { value: this.kafka.network.name });
    new TerraformOutput(this, 'security_mode', { value: props.cluster.security.mode });
  }
}
