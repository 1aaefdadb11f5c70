import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { $ } from 'zx';
import type { ClusterSpec, ResolvedCluster } from '../../../stacks/model/spec.ts';
import { CONTAINER_PORTS } from '../../../stacks/model/limits.ts';
import { LABELS } from '../../../stacks/constructs/labels.ts';
import { SERVER_PROPERTIES_PATH, DATA_DIR, renderServerProperties } from '../../../stacks/render/server-properties.ts';
import { START_SCRIPT_PATH, containerEnvFor, renderStartScript, startCommandFor } from '../../../stacks/render/start-command.ts';
import { ZOOKEEPER_START_PATH, ZOO_CFG_PATH, renderZooCfg, renderZooKeeperStartScript, zookeeperKafkaOpts } from '../../../stacks/render/zookeeper.ts';
import { ADMIN_CLIENT_PATH, renderAdminClientProperties } from '../../../stacks/render/admin-client.ts';
import { buildDescriptor, prepareClusterSecrets } from '../cluster/index.ts';
import { deployCluster, destroyCluster, removeLeftovers } from '../lifecycle/index.ts';
import { kafkaImageTag } from '../engine/index.ts';
import { verifyCluster } from '../verify/index.ts';

export interface BenchSample {
  readonly name: string;
  readonly seconds: number;
  readonly ok: boolean;
}

/** Deploy through cdktf, then verify: the time a user waits from nothing to a verified cluster. */
export async function timeDeployToVerified(spec: ClusterSpec, cluster: ResolvedCluster): Promise<BenchSample> {
  const t0 = performance.now();
  const { descriptor: d } = await deployCluster(spec, cluster);
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
  const secrets = await prepareClusterSecrets(cluster);
  const t0 = performance.now();
  try {
    await createWithDocker(cluster, secrets.uploads);
    const report = await verifyCluster(cluster, buildDescriptor(cluster));
    return { name: 'docker run to verified (floor)', seconds: (performance.now() - t0) / 1000, ok: report.ok };
  } finally {
    await removeLeftovers(cluster.name);
  }
}

type Uploads = Awaited<ReturnType<typeof prepareClusterSecrets>>['uploads'];

/**
 * Create and start a cluster's containers with the docker CLI alone: its network, volumes,
 * containers, the files Terraform would upload, then `docker start` of them all. Returns the
 * container names. The caller removes them (removeLeftovers).
 */
export async function createWithDocker(cluster: ResolvedCluster, secretUploads: Uploads): Promise<string[]> {
  const files = mkdtempSync(join(tmpdir(), 'kafkalab-bench-'));
  const image = kafkaImageTag(cluster.kafkaVersion);
  const label = `${LABELS.cluster}=${cluster.name}`;
  try {
    await $({ quiet: true })`docker network create --label ${label} ${cluster.networkName}`;
    const create = async (
      name: string,
      hostname: string,
      volume: string,
      env: string[],
      ports: string[],
      command: string[],
      uploads: [file: string, path: string, text: string][],
    ): Promise<void> => {
      await $({ quiet: true })`docker volume create --label ${label} ${volume}`;
      const envArgs = env.flatMap((e) => ['-e', e]);
      await $({ quiet: true })`docker create --name ${name} --hostname ${hostname} --user 0:0 --label ${label} --network ${cluster.networkName} --network-alias ${hostname} ${ports} -v ${`${volume}:${DATA_DIR}`} ${envArgs} ${image} ${command}`;
      // The same secret files Terraform uploads, as one folder (docker cp creates it).
      const ups = secretUploads[hostname] ?? [];
      if (ups.length > 0) {
        const staged = join(mkdtempSync(join(files, `${hostname}-secrets-`)), basename(dirname(ups[0]!.file)));
        mkdirSync(staged, { mode: 0o700 });
        for (const u of ups) copyFileSync(u.source, join(staged, basename(u.file)));
        await $({ quiet: true })`docker cp ${staged} ${`${name}:${dirname(dirname(ups[0]!.file))}/`}`;
      }
      const dir = mkdtempSync(join(files, `${hostname}-`));
      for (const [file, path, text] of uploads) {
        writeFileSync(join(dir, file), text, { mode: 0o755 });
        await $({ quiet: true })`docker cp ${join(dir, file)} ${`${name}:${path}`}`;
      }
    };
    for (const z of cluster.zookeeper?.servers ?? []) {
      const zkOpts = zookeeperKafkaOpts(cluster);
      const zkEnv = [`KAFKA_HEAP_OPTS=-Xms${cluster.zookeeperHeapMiB}m -Xmx${cluster.zookeeperHeapMiB}m`, ...(zkOpts ? [`KAFKA_OPTS=${zkOpts}`] : [])];
      await create(z.containerName, z.hostname, z.volumeName, zkEnv, [], ['bash', ZOOKEEPER_START_PATH], [
        ['zoo.cfg', ZOO_CFG_PATH, renderZooCfg(cluster, z)],
        ['start-zookeeper.sh', ZOOKEEPER_START_PATH, renderZooKeeperStartScript(cluster, z)],
      ]);
    }
    for (const node of cluster.nodes) {
      const ports = node.externalPort !== undefined ? ['-p', `127.0.0.1:${node.externalPort}:${CONTAINER_PORTS.external}`] : [];
      await create(node.containerName, node.hostname, node.volumeName, containerEnvFor(cluster), ports, startCommandFor(cluster, node), [
        ['server.properties', SERVER_PROPERTIES_PATH, renderServerProperties(cluster, node)],
        ['start.sh', START_SCRIPT_PATH, renderStartScript(cluster, node)],
        ['admin-client.properties', ADMIN_CLIENT_PATH, renderAdminClientProperties(cluster)],
      ]);
    }
    const all = [...(cluster.zookeeper?.servers ?? []).map((z) => z.containerName), ...cluster.nodes.map((n) => n.containerName)];
    await $({ quiet: true })`docker start ${all}`;
    return all;
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

export interface PresetResult {
  readonly preset: string;
  readonly cluster: { readonly name: string; readonly mode: string; readonly containers: number; readonly kafkaVersion: string };
  readonly samples: readonly BenchSample[];
  /** Medians in seconds. */
  readonly deployToVerifiedSeconds: number;
  readonly floorSeconds: number;
  /** deploy / floor: what the cdktf + Terraform path costs over plain docker. */
  readonly ratio: number;
  readonly ok: boolean;
}

export interface BenchResult {
  readonly benchmark: 'deploy-to-verified';
  readonly startedAt: string;
  readonly runs: number;
  readonly machine: { readonly cpus: number; readonly memoryGiB: number };
  readonly presets: readonly PresetResult[];
  readonly note: string;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarizePreset(preset: string, cluster: ResolvedCluster, samples: readonly BenchSample[]): PresetResult {
  const deploy = median(samples.filter((s) => s.name.startsWith('cdktf')).map((s) => s.seconds));
  const floor = median(samples.filter((s) => s.name.startsWith('docker')).map((s) => s.seconds));
  return {
    preset,
    cluster: {
      name: cluster.name,
      mode: cluster.mode,
      containers: cluster.nodes.length + (cluster.zookeeper?.servers.length ?? 0),
      kafkaVersion: cluster.kafkaVersion,
    },
    samples,
    deployToVerifiedSeconds: Number(deploy.toFixed(2)),
    floorSeconds: Number(floor.toFixed(2)),
    ratio: Number((deploy / floor).toFixed(3)),
    ok: samples.every((s) => s.ok),
  };
}

export const BENCH_NOTE =
  'cold = no container, volume or network of the cluster exists; images and providers are cached (setup runs first, untimed). ' +
  'deploy = setup check + synth + cdktf deploy + verify; floor = the same containers, files and secrets created with the docker CLI + the same verify (secrets prepared before the clock starts). ' +
  'Each preset runs under a bench-only name and ports. Runs alternate deploy and floor.';
