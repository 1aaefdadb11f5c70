import { posix } from 'node:path';
import { $ } from 'zx';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { SECURE_JVM_OPTS } from '../../../stacks/render/secret-files.ts';
import { clientFilesTar, CONSUMER_CONFIG_PATH, consumerCommand, createClientContainer, deleteTopics, ensureTopic, PRODUCER_CONFIG_PATH, producerCommand, renderConsumerConfig, renderProducerConfig, SHORT_TOOL_ENV, VALIDATE_TOPIC, validateTopicFor, withAdmin } from '../kafka/index.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { containerState, type Progress, waitFor } from '../core/index.ts';
import { parseEvents, tally, unread, type Tally, type VerifiableEvent } from './verifiable-events.ts';

/** A running validation: Kafka's verifiable producer and consumer, each in a container of its own. */
export interface Validation {
  readonly cluster: ResolvedCluster;
  readonly d: ConnectionDescriptor;
  readonly topic: string;
  readonly group: string;
  /** `--value-prefix` of this run. */
  readonly prefix: number;
  readonly producer: string;
  readonly consumer: string;
  readonly startedAt: number;
}

export interface ValidationResult extends Tally {
  /** Every acknowledged value was read before the drain deadline. */
  readonly drained: boolean;
  /** What went wrong with the clients themselves (a producer that died, a consumer that never read). */
  readonly problems: readonly string[];
  readonly producedForMs: number;
}

export interface StartValidationOptions {
  /** Records per second. @default 100 */
  readonly throughput?: number;
  /** Deadline for the topic, the consumer's assignment and the first acknowledgement. @default 120000 */
  readonly timeoutMs?: number;
  /** Where the steps show (the topic, the clients starting). @default - nowhere */
  readonly progress?: Progress;
}

/** The validation containers of a cluster: named under its prefix and labelled, so `down --force` finds them too. */
export function validationContainers(cluster: ResolvedCluster): { producer: string; consumer: string } {
  return { producer: `kafkalab-${cluster.name}-roll-producer`, consumer: `kafkalab-${cluster.name}-roll-consumer` };
}

const q = { quiet: true, nothrow: true } as const;

async function logsOf(container: string): Promise<{ events: VerifiableEvent[]; stderr: string }> {
  const out = await $(q)`docker logs ${container}`;
  return { events: parseEvents(out.stdout), stderr: out.stderr };
}

const tail = (text: string, n = 3): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/deprecated/i.test(l))
    .slice(-n)
    .join(' | ');

/** The validation containers' files: the cluster's client secrets and the two client configs. */
function validationFilesTar(cluster: ResolvedCluster): Buffer {
  return clientFilesTar(cluster, [
    { name: posix.basename(PRODUCER_CONFIG_PATH), content: renderProducerConfig(cluster) },
    { name: posix.basename(CONSUMER_CONFIG_PATH), content: renderConsumerConfig(cluster) },
  ]);
}

async function createClient(cluster: ResolvedCluster, name: string, command: string[], files: Buffer): Promise<void> {
  // Light JVMs (C1 only, serial GC): the clients share the cores with the nodes being rolled.
  const env = ['-e', `KAFKA_OPTS=${SECURE_JVM_OPTS}`, '-e', 'KAFKA_HEAP_OPTS=-Xmx256m', '-e', `KAFKA_JVM_PERFORMANCE_OPTS=${SHORT_TOOL_ENV.KAFKA_JVM_PERFORMANCE_OPTS}`];
  await createClientContainer(cluster, { name, role: 'roll-validation', command, files, createArgs: env });
  const started = await $(q)`docker start ${name}`;
  if (started.exitCode !== 0) throw new Error(`docker start ${name} failed: ${started.stderr.trim()}`);
}

/** Wait until a client container printed an event matching `pred`; fail at once if it exits. */
async function awaitEvent(container: string, what: string, pred: (e: VerifiableEvent) => boolean, timeoutMs: number, progress?: Progress): Promise<void> {
  const outcome = await waitFor(
    async () => {
      const { events, stderr } = await logsOf(container);
      if (events.some(pred)) return { ok: true as const };
      const st = await containerState(container);
      if (!st?.running) return { ok: false as const, why: `${container} exited before ${what}: ${tail(stderr) || 'no output'} (see docker logs ${container})` };
      throw new Error(`waiting for ${what}`);
    },
    { what: `${what} (${container})`, timeoutMs, intervalMs: 250, ...(progress ? { progress } : {}) },
  );
  if (!outcome.ok) throw new Error(outcome.why);
}

/**
 * Start the proof of no loss: create the validation topic (RF min(3, brokers), min.insync.replicas
 * min(2, RF)), start Kafka's VerifiableConsumer (a fresh group, from the earliest offset) and
 * VerifiableProducer (acks=all, idempotent) side by side, each in a container of its own on the
 * cluster's network, with the cluster's client security. Returns once the consumer has its
 * partitions and the first record of this run is acknowledged.
 */
export async function startValidation(cluster: ResolvedCluster, d: ConnectionDescriptor, opts: StartValidationOptions = {}): Promise<Validation> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const shape = validateTopicFor(cluster);
  opts.progress?.update(`topic '${VALIDATE_TOPIC}' (RF ${shape.replicationFactor}, min.insync.replicas ${shape.minInsyncReplicas})`);
  const prefix = Math.floor(Date.now() / 1000) % 1_000_000_000;
  const group = `kafkalab-roll-validate-${prefix}`;
  const names = validationContainers(cluster);
  const v: Validation = { cluster, d, topic: VALIDATE_TOPIC, group, prefix, ...names, startedAt: Date.now() };
  try {
    await ensureTopic(
      d,
      {
        name: VALIDATE_TOPIC,
        partitions: shape.partitions,
        replicationFactor: shape.replicationFactor,
        config: { 'min.insync.replicas': String(shape.minInsyncReplicas) },
      },
      timeoutMs,
    );
    const files = validationFilesTar(cluster);
    // Both at once: the consumer's group reads from the earliest offset, so records acknowledged
    // before it has its partitions are read all the same; the JVMs start side by side.
    opts.progress?.update('starting the verifiable consumer and producer');
    await Promise.all([
      (async () => {
        await createClient(cluster, names.consumer, consumerCommand(cluster, { topic: VALIDATE_TOPIC, group }), files);
        await awaitEvent(
          names.consumer,
          'the consumer to get its partitions',
          (e) => e.name === 'partitions_assigned' && Array.isArray(e.partitions) && e.partitions.length > 0,
          timeoutMs,
        );
      })(),
      (async () => {
        await createClient(cluster, names.producer, producerCommand(cluster, { topic: VALIDATE_TOPIC, prefix, throughput: opts.throughput ?? 100, keys: 64 }), files);
        await awaitEvent(
          names.producer,
          'the first acknowledged record',
          (e) => e.name === 'producer_send_success' && typeof e.value === 'string' && e.value.startsWith(`${prefix}.`),
          timeoutMs,
        );
      })(),
    ]);
  } catch (error) {
    await discardValidation(v);
    throw error;
  }
  return { ...v, startedAt: Date.now() };
}

export interface StopValidationOptions {
  /** How long the consumer may take to read every acknowledged record. @default 90000 */
  readonly drainTimeoutMs?: number;
  /** Where the drain shows (records not read yet). @default - nowhere */
  readonly progress?: Progress;
}

/**
 * Stop the producer (SIGTERM: it prints its last acknowledgements), let the consumer read until it
 * has every acknowledged value or the drain deadline passes, stop it, and account: acked, consumed,
 * lost, the longest stall. Removes the containers, the topic and the group.
 */
export async function stopValidation(v: Validation, opts: StopValidationOptions = {}): Promise<ValidationResult> {
  const problems: string[] = [];
  try {
    const before = await containerState(v.producer);
    if (!before?.running) problems.push(`the producer had stopped before the end of the roll: ${tail((await logsOf(v.producer)).stderr) || 'no output'}`);
    await $(q)`docker stop -t 30 ${v.producer}`;
    const producedForMs = Date.now() - v.startedAt;
    const producer = (await logsOf(v.producer)).events;
    let consumer: VerifiableEvent[] = [];
    const deadline = Date.now() + (opts.drainTimeoutMs ?? 90_000);
    let left = Infinity;
    for (;;) {
      consumer = (await logsOf(v.consumer)).events;
      left = unread(producer, consumer, v.prefix);
      opts.progress?.update(`draining: ${left} acknowledged record(s) not read yet`);
      if (left === 0 || Date.now() >= deadline) break;
      if (!(await containerState(v.consumer))?.running) {
        problems.push(`the consumer stopped early: ${tail((await logsOf(v.consumer)).stderr) || 'no output'}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await $(q)`docker stop -t 30 ${v.consumer}`;
    consumer = (await logsOf(v.consumer)).events;
    const t = tally(producer, consumer, v.prefix);
    if (t.acked === 0) problems.push('the producer had no record acknowledged');
    return { ...t, drained: t.lost === 0, problems, producedForMs };
  } finally {
    await discardValidation(v);
  }
}

/** Remove the validation containers, then (best effort) the topic and the group. Safe to call twice. */
export async function discardValidation(v: Pick<Validation, 'cluster' | 'd' | 'topic' | 'group'>): Promise<void> {
  const names = validationContainers(v.cluster);
  await $(q)`docker rm -f ${[names.producer, names.consumer]}`;
  // The consumer has left the group (or is gone): the topic and the group can go side by side.
  await Promise.all([
    deleteTopics(v.d, [v.topic]).catch(() => undefined),
    withAdmin(v.d, (admin) => admin.deleteGroups([v.group])).catch(() => undefined),
  ]);
}
