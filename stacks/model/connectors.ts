/**
 * The types of the access spec's `connectors` (validated and resolved by access-connectors.ts): a
 * leaf module, so the access spec's types can name them without an import circle.
 */

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
