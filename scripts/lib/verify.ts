import type { ResolvedCluster } from '../../stacks/model/spec.ts';
import { CONTAINER_PORTS } from '../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from './descriptor.ts';
import { containerState, dockerExec } from './docker.ts';
import { consumeUntil, describeBrokers, describePartitions, ensureTopic, produce } from './kafka/client.ts';
import { parseQuorumReplication, parseQuorumStatus, type QuorumStatus } from './kafka/quorum.ts';
import { waitFor, type Progress } from './progress.ts';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly cluster: string;
  readonly checks: readonly Check[];
}

export const VERIFY_TOPIC = 'kafkalab-verify';

export interface VerifyOptions {
  /** Deadline for each check that waits (quorum, topic, records). @default 120000 */
  readonly timeoutMs?: number;
  readonly progress?: Progress;
}

async function check(name: string, checks: Check[], fn: () => Promise<string>, progress?: Progress): Promise<boolean> {
  progress?.update(name);
  try {
    const detail = await fn();
    checks.push({ name, ok: true, detail });
    return true;
  } catch (error) {
    checks.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

/** Run a Kafka CLI tool inside the first running node, through its internal listener. */
async function inCluster(cluster: ResolvedCluster, args: readonly string[]): Promise<string> {
  for (const node of cluster.nodes) {
    const st = await containerState(node.containerName);
    if (!st?.running) continue;
    const out = await dockerExec(node.containerName, [
      args[0]!,
      '--bootstrap-server',
      `${node.hostname}:${CONTAINER_PORTS.internal}`,
      ...args.slice(1),
    ]);
    if (out.exitCode !== 0) throw new Error(`${args.join(' ')} in ${node.containerName} failed: ${out.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
    return out.stdout;
  }
  throw new Error(`no container of cluster '${cluster.name}' is running`);
}

/**
 * Verify a cluster with real clients: containers up, brokers registered, KRaft quorum led and
 * caught up, a topic with RF = broker count, records through every broker's external address
 * read back, no under-replicated partitions. Never throws; every failure is a failed check.
 */
export async function verifyCluster(cluster: ResolvedCluster, d: ConnectionDescriptor, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const progress = opts.progress;
  const checks: Check[] = [];
  const brokers = cluster.nodes.filter((n) => n.roles.includes('broker'));
  const controllers = cluster.nodes.filter((n) => n.roles.includes('controller'));

  const up = await check('containers running', checks, async () => {
    const states = await Promise.all(cluster.nodes.map((n) => containerState(n.containerName)));
    const down = cluster.nodes.filter((_, i) => !states[i]?.running).map((n) => n.containerName);
    if (down.length > 0) throw new Error(`not running: ${down.join(', ')} (try npm run deploy, or docker logs <name>)`);
    return `${cluster.nodes.length} of ${cluster.nodes.length} running`;
  }, progress);
  if (!up) return { ok: false, cluster: cluster.name, checks };

  await check('brokers registered', checks, async () => {
    const want = brokers.map((n) => n.id).sort((a, b) => a - b);
    const got = await waitFor(
      async () => {
        const ids = (await describeBrokers(d)).map((b) => b.nodeId);
        if (ids.join(',') !== want.join(',')) throw new Error(`registered brokers [${ids.join(',')}], expected [${want.join(',')}]`);
        return ids;
      },
      { what: 'every broker to register', timeoutMs, ...(progress ? { progress } : {}) },
    );
    return `brokers [${got.join(', ')}] registered`;
  }, progress);

  let status: QuorumStatus | undefined;
  await check('quorum has a leader', checks, async () => {
    status = await waitFor(
      async () => {
        const s = parseQuorumStatus(await inCluster(cluster, ['kafka-metadata-quorum.sh', 'describe', '--status']));
        if (s.leaderId < 0) throw new Error('no quorum leader yet');
        return s;
      },
      { what: 'a KRaft quorum leader', timeoutMs, ...(progress ? { progress } : {}) },
    );
    const want = controllers.map((n) => n.id).sort((a, b) => a - b);
    const voters = [...status.voters].sort((a, b) => a - b);
    if (voters.join(',') !== want.join(',')) throw new Error(`voters [${voters.join(',')}], expected [${want.join(',')}]`);
    return `leader ${status.leaderId} (active controller), epoch ${status.leaderEpoch}, voters [${voters.join(', ')}], observers [${status.observers.join(', ')}]`;
  }, progress);

  await check('voters caught up', checks, async () => {
    const rows = await waitFor(
      async () => {
        const r = parseQuorumReplication(await inCluster(cluster, ['kafka-metadata-quorum.sh', 'describe', '--replication']));
        const voters = r.filter((x) => x.status === 'Leader' || x.status === 'Follower');
        const lagging = voters.filter((x) => x.lag > 0);
        if (voters.length !== controllers.length) throw new Error(`${voters.length} voters reported, expected ${controllers.length}`);
        if (lagging.length > 0) throw new Error(`lagging voters: ${lagging.map((x) => `${x.nodeId} (lag ${x.lag})`).join(', ')}`);
        return r;
      },
      { what: 'every voter to catch up with the leader', timeoutMs, ...(progress ? { progress } : {}) },
    );
    return rows.map((x) => `${x.nodeId}:${x.status.toLowerCase()} lag ${x.lag}`).join(', ');
  }, progress);

  const rf = brokers.length;
  const topicOk = await check(`topic '${VERIFY_TOPIC}' with replication factor ${rf}`, checks, async () => {
    const parts = await ensureTopic(d, { name: VERIFY_TOPIC, partitions: rf, replicationFactor: rf }, timeoutMs);
    const leaders = [...new Set(parts.map((p) => p.leader))].sort((a, b) => a - b);
    return `${parts.length} partitions, replicas on [${[...new Set(parts.flatMap((p) => p.replicas))].sort((a, b) => a - b).join(', ')}], leaders [${leaders.join(', ')}]`;
  }, progress);

  if (topicOk) {
    await check('records through every broker come back', checks, async () => {
      const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const sent: string[] = [];
      for (const address of d.bootstrapServers) {
        const records = Array.from({ length: rf }, (_, p) => ({ key: `${address}`, value: `verify ${run} via ${address} p${p}`, partition: p }));
        await waitFor(
          async () => {
            await produce(d, VERIFY_TOPIC, records, { bootstrap: [address] });
            return true;
          },
          { what: `a produce through ${address}`, timeoutMs, ...(progress ? { progress } : {}) },
        );
        sent.push(...records.map((r) => r.value));
      }
      const want = new Set(sent);
      const got = await consumeUntil(
        d,
        VERIFY_TOPIC,
        (rs) => rs.filter((r) => r.value !== null && want.has(r.value)).length >= want.size,
        { timeoutMs },
      );
      const back = new Set(got.map((r) => r.value).filter((v): v is string => v !== null && want.has(v)));
      if (back.size !== want.size) throw new Error(`${back.size} of ${want.size} records read back`);
      return `${want.size} records produced through ${d.bootstrapServers.length} addresses (acks=all), all ${back.size} read back`;
    }, progress);
  }

  await check('no under-replicated partitions', checks, async () => {
    const parts = await waitFor(
      async () => {
        const all = await describePartitions(d);
        const urp = all.filter((p) => p.isr.length < p.replicas.length);
        if (urp.length > 0) throw new Error(`${urp.length} under-replicated: ${urp.slice(0, 5).map((p) => `${p.topic}-${p.partition}`).join(', ')}`);
        return all;
      },
      { what: '0 under-replicated partitions', timeoutMs, ...(progress ? { progress } : {}) },
    );
    return `0 of ${parts.length} partitions under-replicated`;
  }, progress);

  return { ok: checks.every((c) => c.ok), cluster: cluster.name, checks };
}

/** A readable report, one line per check. */
export function renderReport(r: VerifyReport): string {
  const lines = r.checks.map((c) => `${c.ok ? '✔' : '✖'} ${c.name}: ${c.detail}`);
  const failed = r.checks.filter((c) => !c.ok).length;
  lines.push(r.ok ? `cluster '${r.cluster}' verified: ${r.checks.length} checks passed` : `cluster '${r.cluster}' FAILED ${failed} of ${r.checks.length} checks`);
  return `${lines.join('\n')}\n`;
}
