/**
 * What the schema drills share: their cluster's registry (a client, or the fix when none runs),
 * deleting a subject for good, reading a compatibility level, the setup's guard on the global
 * level, the curl command of a call, and the registry's wire format (magic byte 0, the 4-byte
 * schema id, the Avro binary) read from a topic's raw records.
 */
import { consumeUntil, deleteTopicsIfPresent, ensureTopic, topicOffsets, type InRecord } from '../../../kafka/index.ts';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { registryRest, waitForRegistry, type RegistryRest } from '../../../schemas/index.ts';
import type { DrillContext } from './types.ts';

const enc = encodeURIComponent;

/** The registry of the drill's cluster: its Confluent-compatible API's URL and a client, or an error naming the fix. */
export function registryOf(ctx: Pick<DrillContext, 'd' | 'cluster'>): { url: string; rest: RegistryRest } {
  const url = ctx.d.schemaRegistry?.url;
  if (!url) {
    throw new Error(`the descriptor of cluster '${ctx.cluster.name}' has no schemaRegistry (no Schema Registry runs): turn it on with npm run up -- --cluster ${ctx.cluster.name} --schema-registry`);
  }
  return { url, rest: registryRest(url, { cluster: ctx.cluster.name }) };
}

/**
 * Delete a subject for good, whatever state it is in: a soft delete (DELETE /subjects/S), then the
 * permanent one (?permanent=true, which the Confluent API allows only after the soft one). A subject
 * that is not there (404) is fine.
 */
export async function removeSubject(rest: RegistryRest, subject: string): Promise<void> {
  await rest.call('DELETE', `/subjects/${enc(subject)}`, undefined, [404]);
  await rest.call('DELETE', `/subjects/${enc(subject)}?permanent=true`, undefined, [404]);
}

/** A compatibility level from a /config answer ({ compatibilityLevel } or { compatibility }). */
export function levelFrom(body: unknown): string | undefined {
  const b = body as { compatibilityLevel?: unknown; compatibility?: unknown } | undefined;
  const level = b?.compatibilityLevel ?? b?.compatibility;
  return typeof level === 'string' && level !== '' ? level.toUpperCase() : undefined;
}

/**
 * The compatibility level a subject is checked under (GET /config/S; a subject without a level of its
 * own answers the global one, or 404, and then the global one is read), or the global level.
 */
export async function levelOf(rest: RegistryRest, subject?: string): Promise<string> {
  if (subject) {
    const own = await rest.call('GET', `/config/${enc(subject)}`, undefined, [404]);
    const level = own.status === 200 ? levelFrom(own.body) : undefined;
    if (level) return level;
  }
  const global = levelFrom((await rest.call('GET', '/config')).body);
  if (!global) throw new Error(`the registry at ${rest.url} answered GET /config without a compatibilityLevel`);
  return global;
}

/** Setup's guard: the registry answers, and its global level is the one the drill is written for. */
export async function requireGlobalLevel(ctx: Pick<DrillContext, 'd' | 'cluster'>, want = 'BACKWARD'): Promise<void> {
  const { url, rest } = registryOf(ctx);
  await waitForRegistry(url, { deadlineMs: 60_000, cluster: ctx.cluster.name });
  const level = await levelOf(rest);
  if (level !== want) {
    throw new Error(`the registry's global compatibility is ${level}, not ${want} (kafkalab's and Confluent's default, which this drill is written for): set it back with ${curlCommand('PUT', `${url}/config`, { compatibility: want })}`);
  }
}

/** The curl command of a call of the Confluent-compatible API, for a learner to run (the body in single quotes). */
export function curlCommand(method: string, target: string, body?: unknown): string {
  if (body === undefined) return method === 'GET' ? `curl -s ${target}` : `curl -s -X ${method} ${target}`;
  const json = JSON.stringify(body);
  if (json.includes("'")) throw new Error(`the body of ${method} ${target} holds a single quote, which the curl command cannot quote: ${json}`);
  return `curl -s -X ${method} -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data '${json}' ${target}`;
}

/** Every record of a topic with its value's bytes, read from the start with a throwaway group. */
export async function readRawRecords(ctx: DrillContext, topic: string): Promise<InRecord[]> {
  const d = await ctx.live();
  const total = (await topicOffsets(d, topic)).reduce((n, o) => n + o.high - o.low, 0);
  if (total === 0) return [];
  const records = await consumeUntil(d, topic, (seen) => seen.length >= total, { timeoutMs: 30_000 });
  return records.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

/** A value in the registry's wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro binary. */
export type WireFormat = { readonly ok: true; readonly id: number; readonly payload: Buffer } | { readonly ok: false; readonly why: string };

/** The first bytes of a value in hex, e.g. `00 00 00 00 07 0a 69 6e …`. */
export function hexHead(bytes: Buffer, n = 8): string {
  const head = [...bytes.subarray(0, n)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > n ? `${head} …` : head;
}

/** How a value is framed: its schema id, or why it is not in the registry's wire format. */
export function wireFormatOf(bytes: Buffer | null | undefined): WireFormat {
  if (!bytes || bytes.length === 0) return { ok: false, why: 'an empty value (null or 0 bytes)' };
  if (bytes[0] !== 0) return { ok: false, why: `first byte 0x${bytes[0]!.toString(16).padStart(2, '0')}, not the magic byte 0x00: not written through a registry serializer (bytes ${hexHead(bytes)})` };
  if (bytes.length < 5) return { ok: false, why: `${bytes.length} bytes: too short for the magic byte and the 4-byte schema id` };
  return { ok: true, id: bytes.readInt32BE(1), payload: bytes.subarray(5) };
}

/**
 * A schema drill's setup start: the registry answers at the global level the drill is written for,
 * its subject and its one-partition topic are made anew (whatever a previous run left). The registry.
 */
export async function freshSubjectAndTopic(ctx: Pick<DrillContext, 'd' | 'cluster'>, subject: string, topic: string): Promise<{ url: string; rest: RegistryRest }> {
  await requireGlobalLevel(ctx);
  const registry = registryOf(ctx);
  await removeSubject(registry.rest, subject);
  await deleteTopicsIfPresent(ctx.d, [topic]);
  await ensureTopic(ctx.d, { name: topic, partitions: 1, replicationFactor: Math.min(3, brokersOf(ctx.cluster).length) });
  return registry;
}
