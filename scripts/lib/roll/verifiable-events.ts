/**
 * Kafka's verifiable clients (org.apache.kafka.tools.VerifiableProducer / VerifiableConsumer)
 * print one JSON object per line on stdout. These pure functions turn their output into the
 * proof of a roll: what was acknowledged, what was read back, what was lost, and the longest
 * stall of the acknowledgements.
 */

export interface VerifiableEvent {
  readonly name: string;
  readonly timestamp: number;
  readonly [field: string]: unknown;
}

/** The JSON event lines of a verifiable client's stdout; anything else (a stray log line) is skipped. */
export function parseEvents(text: string): VerifiableEvent[] {
  const events: VerifiableEvent[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      const e = JSON.parse(t) as Partial<VerifiableEvent>;
      if (typeof e.name === 'string' && typeof e.timestamp === 'number') events.push(e as VerifiableEvent);
    } catch {
      // a line cut short (the tool was killed mid-write): not an event
    }
  }
  return events;
}

/** Values of this run start with `<prefix>.` (the producer's --value-prefix). */
const ofRun = (prefix: number) => (v: unknown): v is string => typeof v === 'string' && v.startsWith(`${prefix}.`);

export interface Ack {
  readonly value: string;
  readonly timestamp: number;
  readonly partition: number;
  readonly offset: number;
}

/** `producer_send_success` events of this run, in the order the producer printed them. */
export function acksOf(events: readonly VerifiableEvent[], prefix: number): Ack[] {
  const isRun = ofRun(prefix);
  return events.flatMap((e) =>
    e.name === 'producer_send_success' && isRun(e.value)
      ? [{ value: e.value, timestamp: e.timestamp, partition: Number(e.partition), offset: Number(e.offset) }]
      : [],
  );
}

/** Values of this run read by the consumer (`record_data`, printed with --verbose). */
export function consumedValues(events: readonly VerifiableEvent[], prefix: number): string[] {
  const isRun = ofRun(prefix);
  return events.flatMap((e) => (e.name === 'record_data' && isRun(e.value) ? [e.value] : []));
}

export interface Stall {
  readonly ms: number;
  /** Epoch ms of the last ack before the gap. */
  readonly from: number;
  readonly to: number;
}

/** The longest gap between consecutive acknowledgements (time order). */
export function longestStall(ackTimes: readonly number[]): Stall {
  const t = [...ackTimes].sort((a, b) => a - b);
  let best: Stall = { ms: 0, from: t[0] ?? 0, to: t[0] ?? 0 };
  for (let i = 1; i < t.length; i++) {
    const ms = t[i]! - t[i - 1]!;
    if (ms > best.ms) best = { ms, from: t[i - 1]!, to: t[i]! };
  }
  return best;
}

/**
 * The longest gap between acknowledgements that overlaps [from, to] (a node's restart): the
 * stall clients saw while that node was away. 0 when no gap overlaps.
 */
export function longestStallWithin(ackTimes: readonly number[], from: number, to: number): number {
  const t = [...ackTimes].sort((a, b) => a - b);
  let best = 0;
  for (let i = 1; i < t.length; i++) {
    if (t[i]! < from || t[i - 1]! > to) continue;
    best = Math.max(best, t[i]! - t[i - 1]!);
  }
  return best;
}

export interface Tally {
  /** Distinct values the producer had acknowledged (acks=all). */
  readonly acked: number;
  /** Distinct values of this run the consumer read. */
  readonly consumed: number;
  /** Acknowledged values never read: must be 0. */
  readonly lost: number;
  /** Up to 10 of the lost values, for the report. */
  readonly lostSample: readonly string[];
  /** Values read more than once (allowed: at-least-once reading across rebalances). */
  readonly duplicates: number;
  /** `producer_send_error` events: sends that were not acknowledged (not a loss). */
  readonly sendErrors: number;
  readonly maxStall: Stall;
  readonly ackTimes: readonly number[];
}

/** Loss accounting over both clients' events. */
export function tally(producer: readonly VerifiableEvent[], consumer: readonly VerifiableEvent[], prefix: number): Tally {
  const acks = acksOf(producer, prefix);
  const acked = new Set(acks.map((a) => a.value));
  const readList = consumedValues(consumer, prefix);
  const read = new Set(readList);
  const lost = [...acked].filter((v) => !read.has(v));
  const isRun = ofRun(prefix);
  return {
    acked: acked.size,
    consumed: read.size,
    lost: lost.length,
    lostSample: lost.slice(0, 10),
    duplicates: readList.length - read.size,
    sendErrors: producer.filter((e) => e.name === 'producer_send_error' && (e.value === undefined || isRun(e.value))).length,
    maxStall: longestStall(acks.map((a) => a.timestamp)),
    ackTimes: acks.map((a) => a.timestamp),
  };
}

/** The values acknowledged but not (yet) read: what the consumer drain waits for. */
export function unread(producer: readonly VerifiableEvent[], consumer: readonly VerifiableEvent[], prefix: number): number {
  const read = new Set(consumedValues(consumer, prefix));
  return new Set(acksOf(producer, prefix).map((a) => a.value).filter((v) => !read.has(v))).size;
}
