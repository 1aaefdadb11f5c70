import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';
import type { ClusterSpec, ResolvedCluster } from '../../stacks/model/spec.ts';
import { CONTAINER_PORTS } from '../../stacks/model/spec.ts';
import { LABELS } from '../../stacks/constructs/labels.ts';
import { SERVER_PROPERTIES_PATH, DATA_DIR, renderServerProperties } from '../../stacks/render/server-properties.ts';
import { START_SCRIPT_PATH, heapOptsFor, renderStartScript, startCommandFor } from '../../stacks/render/start-command.ts';
import { deployCluster, destroyCluster, removeLeftovers } from './cluster-ops.ts';
import { buildDescriptor } from './descriptor.ts';
import { kafkaImageTag } from './image/kafka-image.ts';
import { verifyCluster } from './verify.ts';

export interface BenchSample {
  readonly name: string;
  readonly seconds: number;
  readonly ok: boolean;
}

/** Deploy through cdktf, then verify: the time a user waits from nothing to a verified cluster. */
export async function timeDeployToVerified(spec: ClusterSpec, cluster: ResolvedCluster): Promise<BenchSample> {
  const t0 = performance.now();
  const d = await deployCluster(spec, cluster);
  const report = await verifyCluster(cluster, d);
  const seconds = (performance.now() - t0) / 1000;
  const left = await destroyCluster(cluster);
  if (left.containers.length > 0) await removeLeftovers(cluster.name);
  return { name: 'cdktf deploy to verified', seconds, ok: report.ok };
}

/**
 * The floor: the same containers (same image, files, command, network, volumes) created with the
 * docker CLI directly, then the same verification. What cdktf and Terraform add is the difference.
 */
export async function timeDockerRunToVerified(cluster: ResolvedCluster): Promise<BenchSample> {
  const files = mkdtempSync(join(tmpdir(), 'kafkalab-bench-'));
  const image = kafkaImageTag(cluster.kafkaVersion);
  const label = `${LABELS.cluster}=${cluster.name}`;
  const t0 = performance.now();
  try {
    await $({ quiet: true })`docker network create --label ${label} ${cluster.networkName}`;
    for (const node of cluster.nodes) {
      await $({ quiet: true })`docker volume create --label ${label} ${node.volumeName}`;
      await $({ quiet: true })`docker create --name ${node.containerName} --hostname ${node.hostname} --label ${label} --network ${cluster.networkName} --network-alias ${node.hostname} -p ${`127.0.0.1:${node.externalPort}:${CONTAINER_PORTS.external}`} -v ${`${node.volumeName}:${DATA_DIR}`} -e ${`KAFKA_HEAP_OPTS=${heapOptsFor(cluster)}`} ${image} ${startCommandFor(cluster, node)}`;
      const dir = join(files, String(node.id));
      mkdirSync(dir);
      writeFileSync(join(dir, 'server.properties'), renderServerProperties(cluster, node));
      writeFileSync(join(dir, 'start.sh'), renderStartScript(cluster, node), { mode: 0o755 });
      await $({ quiet: true })`docker cp ${join(dir, 'server.properties')} ${`${node.containerName}:${SERVER_PROPERTIES_PATH}`}`;
      await $({ quiet: true })`docker cp ${join(dir, 'start.sh')} ${`${node.containerName}:${START_SCRIPT_PATH}`}`;
    }
    await $({ quiet: true })`docker start ${cluster.nodes.map((n) => n.containerName)}`;
    const report = await verifyCluster(cluster, buildDescriptor(cluster));
    return { name: 'docker run to verified (floor)', seconds: (performance.now() - t0) / 1000, ok: report.ok };
  } finally {
    await removeLeftovers(cluster.name);
    rmSync(files, { recursive: true, force: true });
  }
}

export interface BenchResult {
  readonly benchmark: 'deploy-to-verified';
  readonly cluster: { readonly name: string; readonly nodes: number; readonly kafkaVersion: string };
  readonly startedAt: string;
  readonly runs: number;
  readonly samples: readonly BenchSample[];
  /** Medians in seconds. */
  readonly deployToVerifiedSeconds: number;
  readonly floorSeconds: number;
  /** deploy / floor: what the cdktf + Terraform path costs over plain docker. */
  readonly ratio: number;
  readonly note: string;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(
  cluster: ResolvedCluster,
  startedAt: string,
  samples: readonly BenchSample[],
): BenchResult {
  const deploy = samples.filter((s) => s.name.startsWith('cdktf')).map((s) => s.seconds);
  const floor = samples.filter((s) => s.name.startsWith('docker')).map((s) => s.seconds);
  const d = median(deploy);
  const f = median(floor);
  return {
    benchmark: 'deploy-to-verified',
    cluster: { name: cluster.name, nodes: cluster.nodes.length, kafkaVersion: cluster.kafkaVersion },
    startedAt,
    runs: deploy.length,
    samples,
    deployToVerifiedSeconds: Number(d.toFixed(2)),
    floorSeconds: Number(f.toFixed(2)),
    ratio: Number((d / f).toFixed(3)),
    note: 'cold = no container, volume or network of the cluster exists; images and providers are cached (setup runs first, untimed). Runs alternate deploy and floor.',
  };
}
