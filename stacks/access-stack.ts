import { Construct } from 'constructs';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { KafkaProvider, type KafkaProviderConfig } from '../.gen/providers/kafka/provider/index.ts';
import type { ResolvedAccess } from './model/access.ts';
import type { SaslMechanism } from './model/security.ts';
import { KafkaAcl } from './constructs/kafka-acl.ts';
import { aclTerraformName, terraformName } from './constructs/access-names.ts';
import { KafkaTopic } from './constructs/kafka-topic.ts';
import { KafkaUser } from './constructs/kafka-user.ts';
import { PROVIDER_PROTOCOL_VERSION } from './access-ids.ts';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider/index.js';
import { DOCKER_PROVIDER_VERSION } from './cluster-stack.ts';
import type { ResolvedConnect } from './model/connect.ts';
import type { ResolvedCluster } from './model/spec.ts';
import type { SecretUpload } from './render/secret-files.ts';
import { ConnectWorkers } from './constructs/connect-workers.ts';
import { KafkaConnectProvider, KafkaConnector } from './constructs/kafka-connector.ts';
import { accessConnectors } from './render/connect/mirror.ts';
import type { ResolvedSchemaRegistry } from './model/schema-registry.ts';
import { SchemaRegistry } from './constructs/schema-registry.ts';
import { SCHEMA_REGISTRY_ORIGIN } from './model/access-schema-registry.ts';

export { KAFKA_PROVIDER_VERSION, PROVIDER_PASSWORD_ENV, PROVIDER_PROTOCOL_VERSION, accessStackId } from './access-ids.ts';

/** What the access stack needs of the cluster's connection descriptor (secrets by path only). */
export interface AccessConnection {
  readonly cluster: string;
  readonly bootstrapServers: readonly string[];
  /**
   * TLS to the brokers: the cluster CA, and under mtls the admin's certificate and key (both or neither).
   * @default - no TLS (plaintext and sasl_plaintext clusters)
   */
  readonly ssl?: { readonly caPath: string; readonly certPath?: string; readonly keyPath?: string };
  /** The admin's SASL login (its password comes from KAFKA_SASL_PASSWORD at apply time). @default - no SASL (plaintext, ssl and mtls clusters) */
  readonly sasl?: { readonly mechanism: SaslMechanism; readonly username: string };
}

const PROVIDER_MECHANISMS: Readonly<Record<SaslMechanism, string>> = {
  'SCRAM-SHA-512': 'scram-sha512',
  'SCRAM-SHA-256': 'scram-sha256',
  PLAIN: 'plain',
};

/**
 * Provider settings from the descriptor: bootstrap servers on 127.0.0.1, TLS with the cluster CA
 * (the provider takes a PEM or a file path), the admin's certificate and key by path under mtls,
 * the admin's SASL user (password from KAFKA_SASL_PASSWORD at apply time).
 */
export function providerConfig(c: AccessConnection): KafkaProviderConfig {
  return {
    bootstrapServers: [...c.bootstrapServers],
    kafkaVersion: PROVIDER_PROTOCOL_VERSION,
    tlsEnabled: c.ssl !== undefined,
    ...(c.ssl ? { caCert: c.ssl.caPath, skipTlsVerify: false } : {}),
    ...(c.ssl?.certPath && c.ssl.keyPath ? { clientCert: c.ssl.certPath, clientKey: c.ssl.keyPath } : {}),
    ...(c.sasl ? { saslMechanism: PROVIDER_MECHANISMS[c.sasl.mechanism], saslUsername: c.sasl.username } : {}),
  };
}

export interface AccessStackProps {
  readonly access: ResolvedAccess;
  readonly connection: AccessConnection;
  /** Terraform state file, relative to the stack's synthesized folder. */
  readonly statePath: string;
  /** Per SCRAM user, a value that changes with the password (see KafkaUser). @default {} */
  readonly passwordVersions?: Readonly<Record<string, string>>;
  /** The cluster's Connect workers, and what they need from the scripts side. @default - no Connect */
  readonly connect?: AccessConnect;
  /** The cluster's Schema Registry, and what it needs from the scripts side. @default - no registry */
  readonly schemaRegistry?: AccessSchemaRegistry;
}

/** What the access stack needs to run a cluster's Schema Registry. */
export interface AccessSchemaRegistry {
  /** The cluster, with the registry on: it reaches the brokers on the cluster network. */
  readonly cluster: ResolvedCluster & { readonly schemaRegistry: ResolvedSchemaRegistry };
  /** The registry image tag (built locally). */
  readonly image: string;
  /** Its secret files, uploaded by path and hash. @default [] */
  readonly secretUploads?: readonly SecretUpload[];
}

/** What the access stack needs to run a cluster's Connect workers and their connectors. */
export interface AccessConnect {
  /** The cluster, with Connect on: the workers reach its brokers on its network. */
  readonly cluster: ResolvedCluster & { readonly connect: ResolvedConnect };
  /** The Connect image tag (built locally). */
  readonly image: string;
  /** The workers' secret files, uploaded by path and hash. @default [] */
  readonly secretUploads?: readonly SecretUpload[];
}

/**
 * Topics, users and ACLs of one cluster, in a stack of their own (`<cluster>-access`) that
 * depends on the cluster's stack: the provider needs the brokers to exist, which a single apply
 * cannot promise, since their addresses are unknown at plan time. With Connect on, the workers
 * and their connectors too, in this order within one apply: the workers' user and grants, the
 * workers (healthy), then each connector after its own grants.
 */
export class AccessStack extends TerraformStack {
  readonly topics: readonly KafkaTopic[];
  readonly users: readonly KafkaUser[];
  readonly acls: readonly KafkaAcl[];
  readonly workers?: ConnectWorkers;
  readonly connectors: readonly KafkaConnector[];
  readonly schemaRegistry?: SchemaRegistry;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id);
    const { access } = props;
    const passwordVersions = props.passwordVersions ?? {};
    new LocalBackend(this, { path: props.statePath });
    new KafkaProvider(this, 'kafka', providerConfig(props.connection));
    this.topics = access.topics.map((t) => new KafkaTopic(this, `topic-${terraformName(t.name)}`, { topic: t }));
    this.users = access.users.map(
      (u) =>
        new KafkaUser(this, `user-${terraformName(u.name)}`, {
          user: u,
          ...(passwordVersions[u.name] ? { passwordVersion: passwordVersions[u.name] } : {}),
        }),
    );
    // ACLs on a topic wait for it, so a new topic and its grants apply in one run without races.
    const topicByName = new Map(access.topics.map((t, i) => [t.name, this.topics[i]!.resource]));
    const userByPrincipal = new Map(this.users.flatMap((u) => (u.credential ? [[u.principal, u.credential] as const] : [])));
    this.acls = access.acls.map((a) => {
      const topic = a.resourceType === 'topic' && a.pattern === 'literal' ? topicByName.get(a.resourceName) : undefined;
      const credential = userByPrincipal.get(a.principal);
      return new KafkaAcl(this, `acl-${aclTerraformName(a)}`, { acl: a, dependsOn: [...(topic ? [topic] : []), ...(credential ? [credential] : [])] });
    });
    this.connectors = [];
    if (props.connect || props.schemaRegistry) {
      new DockerProvider(this, 'docker', {});
      this.addOverride('terraform.required_providers.docker.version', DOCKER_PROVIDER_VERSION);
    }
    if (props.schemaRegistry) {
      const { cluster } = props.schemaRegistry;
      const registry = cluster.schemaRegistry;
      // The registry waits for its user and its grants.
      const principal = `User:${registry.user}`;
      const grants = access.acls.flatMap((a, i) => (a.principal === principal && a.origin === SCHEMA_REGISTRY_ORIGIN ? [this.acls[i]!.resource] : []));
      const credential = this.users.find((u) => u.principal === principal)?.credential;
      this.schemaRegistry = new SchemaRegistry(this, 'schema-registry', {
        cluster,
        registry,
        image: props.schemaRegistry.image,
        secretUploads: props.schemaRegistry.secretUploads ?? [],
        dependsOn: [...(credential ? [credential] : []), ...grants],
      });
    }
    if (props.connect) {
      const { cluster } = props.connect;
      const connect = cluster.connect;
      // The workers wait for their user and their own grants; each connector for the workers and its grants.
      const principal = `User:${connect.user}`;
      const grants = access.acls.flatMap((a, i) => (a.principal === principal ? [{ origin: a.origin, acl: this.acls[i]!.resource }] : []));
      const credential = this.users.find((u) => u.principal === principal)?.credential;
      const workers = new ConnectWorkers(this, 'connect', {
        cluster,
        connect,
        image: props.connect.image,
        networkName: cluster.networkName,
        // MirrorMaker 2 reads each source cluster on its own network.
        extraNetworks: access.mirrors.map((m) => m.sourceNetwork),
        secretUploads: props.connect.secretUploads ?? [],
        dependsOn: [...(credential ? [credential] : []), ...grants.filter((g) => !g.origin.startsWith('connectors ') && !g.origin.startsWith('mirrors ')).map((g) => g.acl)],
      });
      this.workers = workers;
      const provider = new KafkaConnectProvider(this, 'kafka-connect', { url: `http://127.0.0.1:${connect.workers[0]!.restPort}` });
      const grantsOf = (name: string) => grants.filter((g) => g.origin.startsWith(`connectors '${name}'`) || access.mirrors.some((m) => m.connectors.includes(name) && g.origin === `mirrors '${m.source}'`)).map((g) => g.acl);
      this.connectors = accessConnectors(cluster, access).map(
        (c) => new KafkaConnector(this, `connector-${terraformName(c.name)}`, { connector: c, provider, dependsOn: [...workers.containers, ...grantsOf(c.name)] }),
      );
    }
    new TerraformOutput(this, 'topics', { value: access.topics.map((t) => t.name) });
    new TerraformOutput(this, 'users', { value: access.users.map((u) => u.principal) });
    new TerraformOutput(this, 'acl_count', { value: access.acls.length });
  }
}
