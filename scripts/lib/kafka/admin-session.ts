/**
 * The admin session: one long-lived Kafka Admin client (scripts/lib/kafka/java/KafkalabAdmin.java) in a
 * container on the cluster's network, for the roll's reads of the cluster (metadata and quorum) and
 * its preferred leader elections.
 * Each of those used to start a JVM inside a node (kafka-metadata-quorum, kafka-leader-election:
 * 3 to 5 s each on two busy cores, and CPU taken from the node being restarted); in the session
 * each is one request. The class is compiled on the host against the version's cached jars (javac
 * from the JDK) and cached by version and source hash. When it cannot be (no javac, no jars), the
 * roll uses the CLI tools as before.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { $ } from 'zx';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { KafkaVersion } from '../../../stacks/model/versions.ts';
import { adminClientPropertiesFor } from '../../../stacks/render/admin-client.ts';
import { renderProperties } from '../../../stacks/render/properties.ts';
import { SECURE_JVM_OPTS, SECRETS_RUNTIME_DIR } from '../../../stacks/render/secret-files.ts';
import { projectRoot } from '../core/index.ts';
import { clientFilesTar, createClientContainer } from './client-files.ts';
import { compiledClassDir, ensureCompiledClass } from './java-class.ts';
import { internalBootstrap } from './verifiable-clients.ts';
import type { PartitionState } from './admin-cluster.ts';
import { SHORT_TOOL_ENV } from './in-cluster.ts';
import type { QuorumView, ReplicaState } from './quorum.ts';

export const ADMIN_SESSION_CLASS = 'KafkalabAdmin';
export const ADMIN_SESSION_SOURCE = join(projectRoot, 'scripts', 'lib', 'kafka', 'java', `${ADMIN_SESSION_CLASS}.java`);
/** The session's client config in its container, next to the secrets it names. */
export const ADMIN_SESSION_CONFIG = 'admin-session.properties';
const MARK = '@kafkalab ';
/** Its cache folder, and the salt of the key (the same as before the compile moved to java-class.ts: the cached classes stay valid). */
const ADMIN_SESSION_CACHE = 'admin-session';

/** The session container of a cluster: named under its prefix and labelled, so `down --force` finds it too. */
export function adminSessionContainer(cluster: Pick<ResolvedCluster, 'name'>): string {
  return `kafkalab-${cluster.name}-roll-admin`;
}

/** Where a version's compiled class is cached: keyed by the source and the jars it was compiled against. */
export function adminSessionClassDir(version: KafkaVersion, source: string | Buffer, env: NodeJS.ProcessEnv = process.env): string {
  return compiledClassDir(version, source, ADMIN_SESSION_CACHE, env);
}

/**
 * The compiled class of a version (javac --release 17 against the version's cached jars), built
 * once and cached. Throws with the reason when it cannot be built.
 */
export function ensureAdminSessionClass(version: KafkaVersion): Promise<string> {
  return ensureCompiledClass(version, ADMIN_SESSION_SOURCE, ADMIN_SESSION_CLASS, { cacheName: ADMIN_SESSION_CACHE });
}

/** The session's JVM command in its container: the short-tool JVM (small heap, C1 only, serial GC: it waits on the network). */
export function adminSessionCommand(cluster: ResolvedCluster): string[] {
  return [
    'java',
    ...SHORT_TOOL_ENV.KAFKA_HEAP_OPTS!.split(' '),
    ...SHORT_TOOL_ENV.KAFKA_JVM_PERFORMANCE_OPTS!.split(' '),
    SECURE_JVM_OPTS,
    '-cp',
    `/opt/kafka/libs/*:${SECRETS_RUNTIME_DIR}`,
    ADMIN_SESSION_CLASS,
    `${SECRETS_RUNTIME_DIR}/${ADMIN_SESSION_CONFIG}`,
    internalBootstrap(cluster),
  ];
}

/** The outcome of a preferred leader election (the session's answer, or the CLI tool's output parsed). */
export interface ElectionOutcome {
  /** Partitions whose preferred replica became leader. */
  readonly elected: readonly string[];
  /** `partition: reason` for each one that could not be elected. */
  readonly failed: readonly string[];
}

/** One answer of the session. */
export type SessionAnswer = { readonly ready: true } | SessionReply;
export type SessionReply = SessionOk | { readonly id: string; readonly ok: false; readonly error: string };
export interface SessionOk {
  readonly id: string;
  readonly ok: true;
  readonly quorum?: SessionQuorum;
  readonly election?: ElectionOutcome;
  readonly cluster?: SessionCluster;
}

/** The metadata as the brokers report it: live brokers, the controller they name, partitions, min.insync.replicas per topic. */
export interface SessionCluster {
  readonly brokers: readonly number[];
  readonly controller: number;
  readonly partitions: readonly PartitionState[];
  readonly minIsr: Readonly<Record<string, string>>;
}

export interface SessionReplica {
  readonly id: number;
  readonly logEndOffset: number;
  readonly lastFetchTimestamp: number;
  readonly lastCaughtUpTimestamp: number;
}

export interface SessionQuorum {
  readonly leaderId: number;
  readonly leaderEpoch: number;
  readonly highWatermark: number;
  readonly voters: readonly SessionReplica[];
  readonly observers: readonly SessionReplica[];
}

/** A line of the session's stdout: its answer, or undefined for anything else (stray log lines). */
export function parseSessionLine(line: string): SessionAnswer | undefined {
  if (!line.startsWith(MARK)) return undefined;
  try {
    const v = JSON.parse(line.slice(MARK.length)) as unknown;
    return v && typeof v === 'object' ? (v as SessionAnswer) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The quorum as `kafka-metadata-quorum describe --replication` shows it (the same Admin call):
 * the leader, the other voters as followers, then the observers; lag against the leader's log end.
 */
export function quorumViewFromSession(q: SessionQuorum): QuorumView {
  const leader = q.voters.find((v) => v.id === q.leaderId);
  const leaderEnd = leader?.logEndOffset ?? q.highWatermark;
  const row = (r: SessionReplica, status: string): ReplicaState => ({
    nodeId: r.id,
    logEndOffset: r.logEndOffset,
    lag: Math.max(0, leaderEnd - r.logEndOffset),
    lastFetchTimestamp: r.lastFetchTimestamp,
    lastCaughtUpTimestamp: r.lastCaughtUpTimestamp,
    status,
  });
  const voterIds = new Set(q.voters.map((v) => v.id));
  const replication = [
    ...q.voters.filter((v) => v.id === q.leaderId).map((v) => row(v, 'Leader')),
    ...q.voters.filter((v) => v.id !== q.leaderId).map((v) => row(v, 'Follower')),
    ...q.observers.filter((o) => !voterIds.has(o.id)).map((o) => row(o, 'Observer')),
  ];
  return {
    leaderId: leader ? q.leaderId : -1,
    voters: q.voters.map((v) => v.id).sort((a, b) => a - b),
    replication,
  };
}

export interface AdminSession {
  readonly container: string;
  /** The JVM is still there to answer. */
  alive(): boolean;
  quorum(timeoutMs?: number): Promise<QuorumView>;
  /** The quorum as the session answers it (epoch and high watermark included). */
  quorumRaw(timeoutMs?: number): Promise<SessionQuorum>;
  /** Live brokers, controller, every partition (leader, replicas, ISR) and each topic's min.insync.replicas, in one request. */
  cluster(timeoutMs?: number): Promise<SessionCluster>;
  electPreferred(timeoutMs?: number): Promise<ElectionOutcome>;
  /** Ask it to quit, then remove the container. Safe to call twice. */
  close(): Promise<void>;
}

const q = { quiet: true, nothrow: true } as const;

/**
 * Start a cluster's admin session. Returns at once (the JVM starts while the caller goes on; the
 * first request waits for it). Throws when the class cannot be built or the container not created:
 * callers fall back to the CLI tools.
 */
export async function openAdminSession(cluster: ResolvedCluster): Promise<AdminSession> {
  const classFile = await ensureAdminSessionClass(cluster.kafkaVersion);
  const name = adminSessionContainer(cluster);
  const files = clientFilesTar(cluster, [
    { name: ADMIN_SESSION_CONFIG, content: renderProperties(adminClientPropertiesFor(cluster), `admin session of cluster ${cluster.name}`) },
    { name: `${ADMIN_SESSION_CLASS}.class`, content: readFileSync(classFile) },
  ]);
  await createClientContainer(cluster, { name, role: 'roll-admin', command: adminSessionCommand(cluster), files, createArgs: ['-i', '--rm'] });
  // Its own process group: a Ctrl-C of the roll must not reach the session before the roll is done with it.
  const child: ChildProcess = spawn('docker', ['start', '-a', '-i', name], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.unref();
  let exited = false;
  let stderrTail = '';
  let seq = 0;
  const pending = new Map<string, { resolve: (a: SessionReply) => void; reject: (e: Error) => void }>();
  const failAll = (why: string): void => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  child.stderr!.on('data', (b: Buffer) => {
    stderrTail = (stderrTail + b.toString()).slice(-2000);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const a = parseSessionLine(line);
    if (!a || !('id' in a)) return;
    const p = pending.get(a.id);
    if (p) {
      pending.delete(a.id);
      p.resolve(a);
    }
  });
  child.stdin!.on('error', () => undefined);
  child.on('exit', (code) => {
    exited = true;
    const last = stderrTail.trim().split('\n').filter((l) => l && !/^\s*at /.test(l)).slice(-1)[0] ?? '';
    failAll(`the admin session (${name}) exited (${code ?? 'signal'})${last ? `: ${last}` : ''}`);
  });

  const ask = (op: string, timeoutMs: number): Promise<SessionOk> => {
    if (exited) return Promise.reject(new Error(`the admin session (${name}) is not running`));
    const id = String(++seq);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the admin session (${name}) did not answer '${op}' within ${Math.round(timeoutMs / 1000)}s`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (a) => {
          clearTimeout(timer);
          if (a.ok) resolve(a);
          else reject(new Error(a.error));
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.stdin!.write(`${id} ${op}\n`);
    });
  };

  const quorumRaw = async (timeoutMs = 45_000): Promise<SessionQuorum> => {
    const a = await ask('quorum', timeoutMs);
    if (!a.quorum) throw new Error('the admin session answered without a quorum');
    return a.quorum;
  };

  let closed = false;
  return {
    container: name,
    alive: () => !exited && !closed,
    async quorum(timeoutMs = 45_000) {
      return quorumViewFromSession(await quorumRaw(timeoutMs));
    },
    quorumRaw,
    async cluster(timeoutMs = 45_000) {
      const a = await ask('cluster', timeoutMs);
      if (!a.cluster) throw new Error('the admin session answered without the cluster metadata');
      return a.cluster;
    },
    async electPreferred(timeoutMs = 90_000) {
      const a = await ask('elect-preferred', timeoutMs);
      if (!a.election) throw new Error('the admin session answered without an election outcome');
      return a.election;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!exited) {
        await ask('quit', 5000).catch(() => undefined);
        child.stdin!.end();
      }
      await $(q)`docker rm -f ${name}`;
    },
  };
}
