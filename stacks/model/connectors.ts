/**
 * The types of the access spec's `connectors` (validated and resolved by access-connectors.ts): a
 * leaf module, so the access spec's types can name them without an import circle.
 */
import type { ResolvedSecurity } from './security.ts';

export type ConnectorType = 'source' | 'sink';

/** A connector as the access spec declares it. */
export interface ConnectorSpec {
  readonly name: string;
  /** The connector class: its full name or Connect's alias (e.g. `FileStreamSource`). */
  readonly class: string;
  /** @default 1 */
  readonly tasksMax?: number;
  /** The connector's own config; secrets as `${file:/run/kafkalab/<file>:<key>}` references only. @default {} */
  readonly config?: Readonly<Record<string, string | number | boolean>>;
  /** The topics it writes (a source) or reads (a sink): the workers' user is granted these. @default [] */
  readonly topics?: readonly string[];
}

export const CONNECTOR_FIELDS = ['name', 'class', 'tasksMax', 'config', 'topics'] as const;

export interface ResolvedConnector {
  readonly name: string;
  readonly class: string;
  readonly type: ConnectorType;
  readonly tasksMax: number;
  readonly topics: readonly string[];
  /** Exactly what Connect receives (`PUT /connectors/<name>/config`): strings only, `name` included. */
  readonly config: Readonly<Record<string, string>>;
}

/** A MirrorMaker 2 flow into this cluster, as the access spec declares it. */
export interface MirrorSpec {
  /** The source cluster's name: another cluster of this checkout, running. */
  readonly source: string;
  /** The source topics to replicate (each lands here as `<source>.<topic>`). */
  readonly topics: readonly string[];
  /** Consumer groups whose committed offsets are checkpointed and synced here. @default [] */
  readonly groups?: readonly string[];
  /**
   * The source cluster's user MirrorMaker 2 reads it as, declared in the source's access spec
   * (read, describe and describe_configs on the topics; describe on the groups).
   * @default `<this cluster>-mirror`
   */
  readonly user?: string;
}

export const MIRROR_FIELDS = ['source', 'topics', 'groups', 'user'] as const;

/** A resolved mirror (its three connectors: stacks/render/connect/mirror.ts). */
export interface ResolvedMirror {
  readonly source: string;
  /** The source cluster's Docker network, which the Connect workers join. */
  readonly sourceNetwork: string;
  /** The source's brokers on its network, by container name (unique on the machine). */
  readonly sourceBootstrap: string;
  /** The source's security, as its clients see it. */
  readonly sourceSecurity: ResolvedSecurity;
  readonly topics: readonly string[];
  readonly groups: readonly string[];
  readonly user: string;
  /** The topics MirrorMaker 2 makes here: `<source>.<topic>`. */
  readonly remoteTopics: readonly string[];
  /** Its connectors' names: source, checkpoint, heartbeat. */
  readonly connectors: readonly string[];
}
