/**
 * The Kafka Streams apps kafkalab can run on a cluster (one so far): their Java class, topics,
 * application.id and state store, and the names of the internal topics Streams makes for them.
 */
import { join } from 'node:path';
import { UsageError } from '../../../stacks/model/errors.ts';
import { projectRoot } from '../core/index.ts';

export interface StreamsApp {
  /** What --app names, and the end of its container's name. */
  readonly name: string;
  readonly summary: string;
  /** The one Java class (scripts/lib/streams/java/<className>.java). */
  readonly className: string;
  /** application.id: the consumer group, the transactional ids' prefix and the internal topics' prefix. */
  readonly applicationId: string;
  readonly inputTopic: string;
  readonly outputTopic: string;
  /** The named state store. */
  readonly store: string;
  /** The name of the repartition step (Grouped.with), so the repartition topic's name is stable. */
  readonly repartition: string;
  /** Partitions of the input and output topics when they are made. */
  readonly partitions: number;
}

export const STREAMS_APPS: Readonly<Record<string, StreamsApp>> = {
  'order-totals': {
    name: 'order-totals',
    summary: 'orders-in (key: order id, value {"customer":"c-7","amount":12.5}) re-keyed by customer, summed into the store customer-totals-store, totals to customer-totals; exactly_once_v2 unless started with --guarantee at_least_once',
    className: 'KafkalabOrderTotals',
    applicationId: 'kafkalab-order-totals',
    inputTopic: 'orders-in',
    outputTopic: 'customer-totals',
    store: 'customer-totals-store',
    repartition: 'by-customer',
    partitions: 3,
  },
};

export const DEFAULT_STREAMS_APP = 'order-totals';

/**
 * The processing guarantees an app can be started with (Streams' processing.guarantee): the two that
 * Kafka Streams 3.9 and 4.x both take (4.0 removed exactly_once and exactly_once_beta).
 */
export const PROCESSING_GUARANTEES = ['exactly_once_v2', 'at_least_once'] as const;
export type ProcessingGuarantee = (typeof PROCESSING_GUARANTEES)[number];
export const DEFAULT_GUARANTEE: ProcessingGuarantee = 'exactly_once_v2';

/** The guarantee --guarantee names (the default when none); a UsageError naming the field, the value and the ones there are. */
export function parseGuarantee(value: string | undefined): ProcessingGuarantee {
  if (value === undefined) return DEFAULT_GUARANTEE;
  if ((PROCESSING_GUARANTEES as readonly string[]).includes(value)) return value as ProcessingGuarantee;
  const hint = /^exactly_once(_beta)?$/.test(value) ? ` (${value} was removed in Kafka 4.0: exactly_once_v2 replaces it)` : '';
  throw new UsageError(`'--guarantee' ('${value}') is not a processing guarantee of the app${hint}: use ${PROCESSING_GUARANTEES.join(' or ')}`);
}

/** The app --app names (the default when none); a UsageError naming the apps for another name. */
export function streamsAppNamed(name: string | undefined): StreamsApp {
  const app = STREAMS_APPS[name ?? DEFAULT_STREAMS_APP];
  if (!app || !Object.hasOwn(STREAMS_APPS, name ?? DEFAULT_STREAMS_APP)) {
    throw new UsageError(`unknown Streams app '${name}': the apps are ${Object.keys(STREAMS_APPS).join(', ')}`);
  }
  return app;
}

/** The app's Java source in the repo. */
export function streamsAppSource(app: StreamsApp): string {
  return join(projectRoot, 'scripts', 'lib', 'streams', 'java', `${app.className}.java`);
}

/** The internal topics Streams makes for the app: the repartition topic and the store's changelog. */
export function expectedInternalTopics(app: StreamsApp): { readonly repartition: string; readonly changelog: string } {
  return { repartition: `${app.applicationId}-${app.repartition}-repartition`, changelog: `${app.applicationId}-${app.store}-changelog` };
}

/** Of a cluster's topics, the app's internal ones (`<application.id>-…-repartition` or `-changelog`), sorted. */
export function internalTopicsOf(app: StreamsApp, topics: readonly string[]): string[] {
  return topics.filter((t) => t.startsWith(`${app.applicationId}-`) && /-(repartition|changelog)$/.test(t)).sort();
}

/** The topics the app's consumer group reads: its input and its repartition topics. */
export function consumedTopicsOf(app: StreamsApp, topics: readonly string[]): string[] {
  return [app.inputTopic, ...internalTopicsOf(app, topics).filter((t) => t.endsWith('-repartition'))];
}
