import { accessSpecFor } from '../access/index.ts';
import { hasAccessState, resolvedAccessOf } from '../access/index.ts';
import { accessChecks } from './access-checks.ts';
import { brokersOf, controllersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { containerState } from '../core/index.ts';
import { inCluster } from '../kafka/index.ts';
import { consumeUntil, describeBrokerConfig, describeBrokers, describeController, describePartitions, ensureTopic, produce } from '../kafka/index.ts';
import { zookeeperModes } from '../kafka/index.ts';
import { parseQuorumReplication, parseQuorumStatus, type QuorumStatus } from '../kafka/index.ts';
import { waitFor, type Progress } from '../core/index.ts';
import { expiryWarnings, listCertificates } from '../../../security/cert-expiry.ts';
import { pkiDirOf } from '../cluster/index.ts';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly cluster: string;
  /** The security mode that was checked. */
  readonly securityMode: string;
  readonly checks: readonly Check[];
  /** Not failures, but what needs doing soon (e.g. a certificate that expires within 30 days). */
  readonly warnings?: readonly string[];
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

/**
 * Verify a cluster with real clients: containers up, brokers registered, KRaft quorum led and
 * caught up, a topic with RF = broker count, records through every broker's external address
 * read back, no under-replicated partitions. Never throws; every failure is a failed check.
 */
export async function verifyCluster(cluster: ResolvedCluster, d: ConnectionDescriptor, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const progress = opts.progress;
  const checks: Check[] = [];
  const brokers = brokersOf(cluster);
  const controllers = controllersOf(cluster);
  const nameOf = (id: number): string => {
    const n = cluster.nodes.find((x) => x.id === id);
    return n ? `node ${id} (${n.hostname})` : `node ${id}`;
  };

  const up = await check('containers running', checks, async () => {
    const names = [...(cluster.zookeeper?.servers ?? []).map((z) => z.containerName), ...cluster.nodes.map((n) => n.containerName)];
    const states = await Promise.all(names.map((n) => containerState(n)));
    const down = names.filter((_, i) => !states[i]?.running);
    if (down.length > 0) throw new Error(`not running: ${down.join(', ')} (try npm run deploy, or docker logs <name>)`);
    return `${names.length} of ${names.length} running (${cluster.mode})`;
  }, progress);
  if (!up) return { ok: false, cluster: cluster.name, securityMode: cluster.security.mode, checks };

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

  if (cluster.zookeeper) {
    const servers = cluster.zookeeper.servers;
    await check('zookeeper ensemble has one leader', checks, async () => {
      const modes = await waitFor(
        async () => {
          const m = await zookeeperModes(servers);
          const leaders = m.filter((x) => x.mode === 'leader' || x.mode === 'standalone');
          const followers = m.filter((x) => x.mode === 'follower');
          if (leaders.length !== 1 || followers.length !== servers.length - 1) {
            throw new Error(`modes ${m.map((x) => `${x.hostname}:${x.mode}`).join(', ')}`);
          }
          return m;
        },
        { what: 'one ZooKeeper leader and the rest followers', timeoutMs, ...(progress ? { progress } : {}) },
      );
      return modes.map((x) => `${x.hostname} ${x.mode}`).join(', ');
    }, progress);
    await check('active controller', checks, async () => {
      const id = await waitFor(
        async () => {
          const c = await describeController(d);
          if (c < 0) throw new Error('no controller elected yet');
          return c;
        },
        { what: 'an elected controller', timeoutMs, ...(progress ? { progress } : {}) },
      );
      return `broker ${nameOf(id)} is the active controller (elected through ZooKeeper, chroot ${cluster.zookeeper!.chroot})`;
    }, progress);
  } else {
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
      const observers = [...status.observers].sort((a, b) => a - b);
      if (cluster.mode === 'kraft-dedicated') {
        const wantObservers = brokers.map((n) => n.id).sort((a, b) => a - b);
        if (observers.join(',') !== wantObservers.join(',')) throw new Error(`observers [${observers.join(',')}], expected the brokers [${wantObservers.join(',')}]`);
      }
      return `leader ${status.leaderId}, epoch ${status.leaderEpoch}, voters [${voters.join(', ')}], observers [${observers.join(', ')}]`;
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
    await check('active controller', checks, async () => {
      if (!status) throw new Error('no quorum status (see the check above)');
      return `${nameOf(status.leaderId)} is the active controller (KRaft quorum leader)`;
    }, progress);
  }

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

  const racks = new Map(brokers.flatMap((b) => (b.rack !== undefined ? [[b.id, b.rack] as const] : [])));
  if (racks.size > 0 && brokers.length >= 3) {
    await check('replicas of an RF-3 topic on distinct racks', checks, async () => {
      const parts = await ensureTopic(d, { name: `${VERIFY_TOPIC}-racks`, partitions: brokers.length, replicationFactor: 3 }, timeoutMs);
      const distinctRacks = new Set(racks.values()).size;
      const want = Math.min(3, distinctRacks);
      const bad = parts.filter((p) => new Set(p.replicas.map((r) => racks.get(r))).size < want);
      if (bad.length > 0) {
        throw new Error(`${bad.length} partitions have replicas on fewer than ${want} racks: ${bad.map((p) => `p${p.partition} [${p.replicas.map((r) => `${r}@${racks.get(r)}`).join(',')}]`).join(' ')}`);
      }
      return parts.map((p) => `p${p.partition} on ${p.replicas.map((r) => racks.get(r)).join('/')}`).join(', ');
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

  const dyn = cluster.dynamicConfig;
  if (Object.keys(dyn.clusterWide).length > 0 || Object.keys(dyn.perBroker).length > 0) {
    await check('dynamic config in effect', checks, async () => {
      const wrong: string[] = [];
      for (const b of brokers) {
        const live = await describeBrokerConfig(d, b.id);
        const want = { ...dyn.clusterWide, ...dyn.perBroker[String(b.id)] };
        for (const [k, v] of Object.entries(want)) if (live[k] !== v) wrong.push(`broker ${b.id} ${k}=${live[k] ?? '(unset)'}, declared ${v}`);
      }
      if (wrong.length > 0) throw new Error(`${wrong.join('; ')} (npm run deploy applies it)`);
      const keys = [...new Set([...Object.keys(dyn.clusterWide), ...Object.values(dyn.perBroker).flatMap((c) => Object.keys(c))])];
      return `${keys.join(', ')} in effect on ${brokers.length} brokers, applied without a restart`;
    }, progress);
  }

  const accessSpec = accessSpecFor(cluster);
  if (accessSpec) {
    progress?.update('topics, users and ACLs');
    try {
      const access = resolvedAccessOf(cluster);
      if (!hasAccessState(cluster.name)) throw new Error(`the access stack was never applied: run npm run deploy -- --cluster ${cluster.name}`);
      checks.push(...(await accessChecks(cluster, d, accessSpec, access!)));
    } catch (error) {
      checks.push({ name: 'access: topics, users and ACLs', ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  }

  const warnings: string[] = [];
  if (cluster.security.tls) {
    await check('certificates valid', checks, async () => {
      const certs = listCertificates(pkiDirOf(cluster.name));
      if (certs.length === 0) throw new Error(`no certificate under ${pkiDirOf(cluster.name)}: run npm run deploy -- --cluster ${cluster.name}`);
      warnings.push(...expiryWarnings(certs, cluster.name));
      const expired = certs.filter((c) => c.daysLeft < 0);
      if (expired.length > 0) throw new Error(`expired: ${expired.map((c) => `${c.kind} '${c.name}' on ${c.notAfter.slice(0, 10)}`).join(', ')}; renew with npm run rotate -- --certs --cluster ${cluster.name}`);
      const first = [...certs].sort((a, b) => a.daysLeft - b.daysLeft)[0]!;
      return `${certs.length} certificates; the first to expire is ${first.kind} '${first.name}' on ${first.notAfter.slice(0, 10)} (${first.daysLeft} days)`;
    }, progress);
  }

  return { ok: checks.every((c) => c.ok), cluster: cluster.name, securityMode: cluster.security.mode, checks, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** A readable report, one line per check. */
export function renderReport(r: VerifyReport): string {
  const lines = r.checks.map((c) => `${c.ok ? '✔' : '✖'} ${c.name}: ${c.detail}`);
  for (const w of r.warnings ?? []) lines.push(`⚠ ${w}`);
  const failed = r.checks.filter((c) => !c.ok).length;
  lines.push(
    r.ok
      ? `cluster '${r.cluster}' verified (security ${r.securityMode}): ${r.checks.length} checks passed`
      : `cluster '${r.cluster}' FAILED ${failed} of ${r.checks.length} checks (security ${r.securityMode})`,
  );
  return `${lines.join('\n')}\n`;
}
