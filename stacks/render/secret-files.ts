/**
 * Where secrets live in a container. Uploaded root-only (0600) to UPLOAD_DIR by Terraform from
 * files in the state folder (by source path and hash, never by content); the start script,
 * running as root, copies them to RUNTIME_DIR owned by the kafka user (0600), then drops to
 * that user before any JVM starts.
 */
export const SECRETS_UPLOAD_DIR = '/opt/kafka/secrets';
export const SECRETS_RUNTIME_DIR = '/run/kafkalab';

/** File names, the same in the upload and the runtime folder. */
export const SECRET_FILES = {
  /** This node's PEM keystore: private key, certificate, CA. */
  keystore: 'keystore.pem',
  /** Trusted CA certificates (PEM). */
  truststore: 'truststore.pem',
  /** Passwords, read through Kafka's FileConfigProvider: `${file:<path>:<key>}`. */
  passwords: 'passwords.properties',
  /** Client config for Kafka's tools inside the container, as the admin. */
  adminClient: 'admin-client.properties',
  /** The admin's PEM keystore (mtls). */
  adminKeystore: 'admin-keystore.pem',
  /** The Connect workers' PEM keystore (mtls): their own user's certificate and key. */
  connectKeystore: 'connect-keystore.pem',
  /** The Schema Registry's PEM keystore (mtls): its own user's certificate and key. */
  registryKeystore: 'registry-keystore.pem',
  /** SCRAM credentials to create at storage format (KRaft) or in ZooKeeper (one `--add-scram` argument per line). */
  scramUsers: 'scram-users.txt',
  /** JAAS for the broker's ZooKeeper client (ZooKeeper mode, security on). */
  zookeeperClientJaas: 'zookeeper-client-jaas.conf',
  /** JAAS of a ZooKeeper server (security on). */
  zookeeperServerJaas: 'zookeeper-server-jaas.conf',
} as const;

export type SecretFile = keyof typeof SECRET_FILES;

export const runtimePath = (f: SecretFile): string => `${SECRETS_RUNTIME_DIR}/${SECRET_FILES[f]}`;
export const uploadPath = (f: SecretFile): string => `${SECRETS_UPLOAD_DIR}/${SECRET_FILES[f]}`;

/** A `${file:...}` reference Kafka resolves at start-up, so the password is never in server.properties. */
export const passwordRef = (key: string): string => `\${file:${runtimePath('passwords')}:${key}}`;

/** JVM options every Kafka process in a secured container needs. */
export const SECURE_JVM_OPTS =
  '-Dorg.apache.kafka.automatic.config.providers=org.apache.kafka.common.config.provider.FileConfigProvider';

/** One file Terraform uploads by source path and hash: its content never enters the JSON or the state. */
export interface SecretUpload {
  readonly source: string;
  /** Path in the container. */
  readonly file: string;
  /** SHA-256 of the source, so a changed secret changes the plan. */
  readonly sha256: string;
}
