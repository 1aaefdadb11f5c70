import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Container } from '@cdktf/provider-docker/lib/container/index.js';
import { Volume } from '@cdktf/provider-docker/lib/volume/index.js';
import { MONITORING_PORTS, type ResolvedMonitoring } from '../model/monitoring.ts';
import type { ResolvedCluster } from '../model/spec.ts';
import { renderAlertRules } from '../render/monitoring/alert-rules.ts';
import { LAG_EXPORTER_PATHS, VOLUMES_DIR, renderLagExporterConfig, renderLagExporterStartScript } from '../render/monitoring/lag-exporter.ts';
import { PROMETHEUS_PATHS, prometheusArgs, renderPrometheusConfig } from '../render/monitoring/prometheus-config.ts';
import type { SecretUpload } from '../render/secret-files.ts';
import { LABELS, labelList } from './labels.ts';
import { literal } from './literal.ts';

/** A file Terraform uploads by source path and hash (read at apply, never copied into the JSON). */
export type FileUpload = SecretUpload;

/** What the scripts side prepares for a monitored cluster's stack. */
export interface MonitoringInput {
  /** The Prometheus image tag (built locally, never pulled). */
  readonly prometheusImage: string;
  /** The JMX exporter rules uploaded into each Kafka node and ZooKeeper server. */
  readonly jmxRules: { readonly kafka: FileUpload; readonly zookeeper: FileUpload };
  /** The lag exporter's compiled class. */
  readonly lagExporterClass: FileUpload;
  /** The dashboards' page and data, each uploaded under Prometheus's user assets. @default [] */
  readonly dashboardFiles?: readonly FileUpload[];
}

export interface ClusterMonitoringProps {
  readonly cluster: ResolvedCluster;
  readonly monitoring: ResolvedMonitoring;
  readonly input: MonitoringInput;
  /** The Kafka image the lag exporter runs from. */
  readonly kafkaImage: string;
  readonly networkName: string;
  /** The lag exporter's secret files (the admin's), uploaded by path and hash. @default [] */
  readonly secretUploads?: readonly SecretUpload[];
  /** Every node's data volume name by hostname, mounted read-only into the exporter. */
  readonly volumes: Readonly<Record<string, string>>;
  /** What must exist first (the nodes). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Prometheus with its volume, config and alert rules, and the lag exporter, on the cluster network. */
export class ClusterMonitoring extends Construct {
  readonly prometheus: Container;
  readonly lagExporter: Container;
  readonly volume: Volume;

  constructor(scope: Construct, id: string, props: ClusterMonitoringProps) {
    super(scope, id);
    const { cluster, monitoring: m, input } = props;
    const dependsOn = props.dependsOn ?? [];
    const labels = (role: string) => labelList({ [LABELS.cluster]: cluster.name, [LABELS.roles]: role });
    const upload = (u: FileUpload, permissions = '0644') => ({ file: u.file, source: u.source, sourceHash: u.sha256, permissions });

    this.lagExporter = new Container(this, 'lag-exporter', {
      name: m.lagExporter.containerName,
      hostname: m.lagExporter.hostname,
      image: props.kafkaImage,
      command: ['bash', LAG_EXPORTER_PATHS.start],
      user: '0:0',
      restart: 'unless-stopped',
      mustRun: true,
      stopTimeout: 10,
      destroyGraceSeconds: 5,
      labels: labels('lag-exporter'),
      networksAdvanced: [{ name: props.networkName, aliases: [m.lagExporter.hostname] }],
      volumes: Object.entries(props.volumes).map(([host, volumeName]) => ({ volumeName, containerPath: `${VOLUMES_DIR}/${host}`, readOnly: true })),
      upload: [
        { file: LAG_EXPORTER_PATHS.config, content: literal(renderLagExporterConfig(cluster)) },
        { file: LAG_EXPORTER_PATHS.start, content: literal(renderLagExporterStartScript(cluster)), executable: true },
        upload(input.lagExporterClass),
        ...(props.secretUploads ?? []).map((u) => upload(u, '0600')),
      ],
      wait: false,
      ...(dependsOn.length > 0 ? { dependsOn: [...dependsOn] } : {}),
    });

    this.volume = new Volume(this, 'prometheus-data', { name: m.prometheus.volumeName, labels: labels('prometheus') });
    this.prometheus = new Container(this, 'prometheus', {
      name: m.prometheus.containerName,
      hostname: m.prometheus.hostname,
      image: input.prometheusImage,
      command: prometheusArgs(),
      restart: 'unless-stopped',
      mustRun: true,
      stopTimeout: 20,
      destroyGraceSeconds: 5,
      labels: labels('prometheus'),
      networksAdvanced: [{ name: props.networkName, aliases: [m.prometheus.hostname] }],
      ports: [{ internal: MONITORING_PORTS.prometheus, external: m.prometheusPort, ip: '127.0.0.1', protocol: 'tcp' }],
      volumes: [{ volumeName: this.volume.name, containerPath: PROMETHEUS_PATHS.data }],
      upload: [
        { file: PROMETHEUS_PATHS.config, content: literal(renderPrometheusConfig(cluster, m)) },
        { file: PROMETHEUS_PATHS.rules, content: literal(renderAlertRules()) },
        ...(input.dashboardFiles ?? []).map((u) => upload(u)),
      ],
      wait: false,
    });
  }
}
