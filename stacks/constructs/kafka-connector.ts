/**
 * Connectors as Terraform resources of mongey/kafka-connect 0.5.0 (built from the Go module proxy
 * into the project's mirror, like the other providers). The provider has one resource, so it is
 * declared here by hand instead of through generated bindings: the synthesized JSON is plain
 * Terraform either way (`provider."kafka-connect"`, `resource."kafka-connect_connector"`).
 *
 * The provider reads a connector back with `GET /connectors/<name>`: one deleted or edited behind
 * the tool's back shows in `terraform plan` as an update of `config`, which `apply` puts back.
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource, type ITerraformDependable } from 'cdktf';
import type { ResolvedConnector } from '../model/access-connectors.ts';
import { literal } from './literal.ts';

export const KAFKA_CONNECT_PROVIDER_SOURCE = 'mongey/kafka-connect';
export const KAFKA_CONNECT_PROVIDER_VERSION = '0.5.0';

export interface KafkaConnectProviderConfig {
  /** A worker's REST API, e.g. http://127.0.0.1:19111. */
  readonly url: string;
}

/** The `kafka-connect` provider, pointed at one worker of the group. */
export class KafkaConnectProvider extends TerraformProvider {
  private readonly url: string;

  constructor(scope: Construct, id: string, config: KafkaConnectProviderConfig) {
    super(scope, id, {
      terraformResourceType: 'kafka-connect',
      terraformGeneratorMetadata: { providerName: 'kafka-connect', providerVersionConstraint: KAFKA_CONNECT_PROVIDER_VERSION },
      terraformProviderSource: KAFKA_CONNECT_PROVIDER_SOURCE,
    });
    this.url = config.url;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { url: this.url };
  }
}

export interface KafkaConnectorProps {
  readonly connector: ResolvedConnector;
  readonly provider: KafkaConnectProvider;
  /** What must exist first (the workers, healthy; the worker user's grants). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** One connector: its name and the whole config Connect receives (strings only; secrets by reference). */
export class KafkaConnector extends TerraformResource {
  private readonly connector: ResolvedConnector;

  constructor(scope: Construct, id: string, props: KafkaConnectorProps) {
    super(scope, id, {
      terraformResourceType: 'kafka-connect_connector',
      terraformGeneratorMetadata: { providerName: 'kafka-connect', providerVersionConstraint: KAFKA_CONNECT_PROVIDER_VERSION },
      provider: props.provider,
      ...(props.dependsOn && props.dependsOn.length > 0 ? { dependsOn: [...props.dependsOn] } : {}),
    });
    this.connector = props.connector;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    const config = Object.fromEntries(Object.entries(this.connector.config).map(([k, v]) => [k, literal(v)]));
    return { name: this.connector.name, config };
  }
}
