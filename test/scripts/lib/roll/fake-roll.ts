/**
 * A fake world for driving the roll without Docker or Kafka: a clock that jumps instead of
 * sleeping, a wait over it, and a KRaft cluster whose nodes stop, start and come back after a
 * delay of their choosing (or never). Every action and progress line is recorded.
 */
import type { PartitionState } from '../../../../scripts/lib/kafka/index.ts';
import type { ReplicaState } from '../../../../scripts/lib/kafka/quorum.ts';
import type { ClusterState } from '../../../../scripts/lib/roll/cluster-state.ts';
import type { StateParts } from '../../../../scripts/lib/roll/read-state.ts';
import { waitFor, type Clock } from '../../../../scripts/lib/core/progress.ts';
import type { RollDeps, Wait } from '../../../../scripts/lib/roll/roll-deps.ts';
import type { Validation, ValidationResult } from '../../../../scripts/lib/roll/validation.ts';
import type { ResolvedCluster } from '../../../../stacks/model/spec.ts';

export class FakeClock implements Clock {
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

/** core's waitFor, over a fake clock. */
export function fakeWait(clock: Clock): Wait {
  return (probe, opts) => waitFor(probe, { ...opts, clock });
}

export interface FakeWorldOptions {
  /** The quorum leader. @default - the lowest controller id */
  readonly leader?: number;
  /** Node id → ms from its start until it is back (Infinity: never). @default 4000 each */
  readonly backAfterMs?: Readonly<Record<number, number>>;
  /** Containers not running from the start. @default none */
  readonly down?: readonly string[];
  /** Broker ids out of the ISR of orders-0 (until `heal()`). @default none */
  readonly outOfIsr?: readonly number[];
  /** An extra topic `events` with RF 2 and min.insync.replicas 2 on brokers 1 and 2 (never safe to stop them). @default false */
  readonly rf2Topic?: boolean;
  /** Containers whose `docker stop` leaves them running. @default none */
  readonly stopFails?: readonly string[];
  /** The exit code after a stop. @default 143 */
  readonly exitCode?: number;
}

interface NodeState {
  running: boolean;
  startedAt?: number;
}

export class FakeWorld {
  readonly clock = new FakeClock();
  /** `stop <container>`, `start <container>`, `elect avoid <container>`, `validation start|stop|discard`. */
  readonly events: string[] = [];
  /** `✔ title: result`, `✖ title: result`. */
  readonly lines: string[] = [];
  /** `title: detail`. */
  readonly updates: string[] = [];
  readonly said: string[] = [];
  /** Called on each action (`stop <container>`, or `update <title>: <detail>`), e.g. to interrupt. */
  onEvent: (event: string) => void = () => {};
  validationResult: ValidationResult | undefined;
  private readonly nodes = new Map<string, NodeState>();
  private handler: (() => void) | undefined;
  private outOfIsr: readonly number[];

  constructor(
    readonly cluster: ResolvedCluster,
    private readonly opts: FakeWorldOptions = {},
  ) {
    for (const n of cluster.nodes) this.nodes.set(n.containerName, { running: !(opts.down ?? []).includes(n.containerName) });
    this.outOfIsr = opts.outOfIsr ?? [];
  }

  /** Every replica back in the ISR. */
  heal(): void {
    this.outOfIsr = [];
  }

  interrupt(): void {
    this.handler?.();
  }

  get listening(): boolean {
    return this.handler !== undefined;
  }

  private back(id: number): boolean {
    const n = this.cluster.nodes.find((x) => x.id === id)!;
    const s = this.nodes.get(n.containerName)!;
    return s.running && (s.startedAt === undefined || this.clock.now() >= s.startedAt + (this.opts.backAfterMs?.[id] ?? 4000));
  }

  private partitions(): PartitionState[] {
    const brokers = this.cluster.nodes.filter((n) => n.roles.includes('broker')).map((n) => n.id);
    const rows = [0, 1, 2].map((i): PartitionState => {
      const replicas = [...brokers.slice(i % brokers.length), ...brokers.slice(0, i % brokers.length)].slice(0, 3);
      const isr = replicas.filter((b) => this.back(b) && !(i === 0 && this.outOfIsr.includes(b)));
      return { topic: 'orders', partition: i, leader: isr[0] ?? -1, replicas, isr };
    });
    if (this.opts.rf2Topic) rows.push({ topic: 'events', partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2].filter((b) => this.back(b)) });
    return rows;
  }

  private quorum(): ClusterState['quorum'] {
    const voters = this.cluster.nodes.filter((n) => n.roles.includes('controller')).map((n) => n.id);
    const want = this.opts.leader ?? voters[0]!;
    const leaderId = this.back(want) ? want : (voters.find((v) => this.back(v)) ?? -1);
    const now = this.clock.now();
    const replication = voters.map((v): ReplicaState => {
      const up = this.back(v);
      return { nodeId: v, logEndOffset: 100, lag: up ? 0 : 50, lastFetchTimestamp: now, lastCaughtUpTimestamp: up ? now : now - 60_000, status: v === leaderId ? 'Leader' : 'Follower' };
    });
    return { leaderId, voters, replication };
  }

  readState(parts: StateParts): ClusterState {
    const running = Object.fromEntries([...this.nodes].map(([c, s]) => [c, s.running]));
    const brokers = this.cluster.nodes.filter((n) => n.roles.includes('broker') && this.back(n.id)).map((n) => n.id);
    return {
      running,
      errors: [],
      ...(parts.kafka ? { brokers, partitions: this.partitions(), minIsr: { orders: 2, ...(this.opts.rf2Topic ? { events: 2 } : {}) } } : {}),
      ...(parts.quorum ? { quorum: this.quorum() } : {}),
    };
  }

  private record(event: string): void {
    this.events.push(event);
    this.onEvent(event);
  }

  deps(): RollDeps {
    const progress = (title: string) => ({
      update: (d: string) => {
        this.updates.push(`${title}: ${d}`);
        this.onEvent(`update ${title}: ${d}`);
      },
      done: (r: string) => void this.lines.push(`✔ ${title}: ${r}`),
      fail: (r: string) => void this.lines.push(`✖ ${title}: ${r}`),
    });
    return {
      pollMs: 500,
      readState: async (parts) => this.readState(parts),
      stopNode: async (container) => {
        this.record(`stop ${container}`);
        if ((this.opts.stopFails ?? []).includes(container)) throw new Error(`docker stop -t 120 ${container} left it running (exit 1)`);
        this.nodes.get(container)!.running = false;
      },
      startNode: async (container) => {
        this.record(`start ${container}`);
        this.nodes.set(container, { running: true, startedAt: this.clock.now() });
      },
      lastExit: async () => ({ exitCode: this.opts.exitCode ?? 143, oomKilled: false }),
      electLeaders: async (avoid) => {
        this.record(`elect avoid ${avoid}`);
        return { elected: ['orders-1'], failed: [] };
      },
      validation: {
        start: async () => {
          this.record('validation start');
          return { producer: 'p', consumer: 'c' } as unknown as Validation;
        },
        stop: async () => {
          this.record('validation stop');
          return this.validationResult!;
        },
        discard: async () => void this.record('validation discard'),
      },
      clock: this.clock,
      waitFor: fakeWait(this.clock),
      progress,
      interrupts: {
        subscribe: (handler) => {
          this.handler = handler;
          return () => {
            this.handler = undefined;
          };
        },
        say: (text) => void this.said.push(text),
      },
    };
  }
}
