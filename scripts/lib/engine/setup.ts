/**
 * `npm run setup`: everything a deploy needs, each part cached and skipped when already there:
 *   1. openssl (the PKI is made with its CLI), installed from Debian when missing.
 *   2. A Docker engine that answers (docker-engine.ts).
 *   3. Terraform.
 *   4. The Kafka image of each version asked for (image/kafka-image.ts).
 *   5. The provider mirror and Terraform CLI config (providers.ts).
 *   6. The provider bindings (.gen) the access stacks import (bindings.ts).
 *   7. kcat against a librdkafka new enough for Kafka 4.x SCRAM (kcat.ts).
 */
import type { KafkaVersion } from '../../../stacks/model/versions.ts';
import { ensureCommand } from './apt.ts';
import { ensureDockerEngine } from './docker-engine.ts';
import { ensureKafkaImage } from './image/kafka-image.ts';
import { ensureBindings } from './bindings.ts';
import { ensureProviders } from './providers.ts';
import { ensureKcat } from './kcat.ts';
import { terraformBinary, terraformVersion } from './terraform.ts';

export interface SetupResult {
  readonly dockerEngine: string;
  readonly terraform: string;
  readonly images: Readonly<Record<string, string>>;
  readonly cliConfig: string;
  readonly seconds: number;
}

/**
 * Everything a deploy needs, each step cached by version and recipe hash:
 * Docker engine, Terraform, the Kafka images of `versions`, the provider mirror and CLI config,
 * the provider bindings (.gen) the access stacks import, and kcat.
 */
export async function runSetup(versions: readonly KafkaVersion[], log: (line: string) => void = () => {}): Promise<SetupResult> {
  const started = Date.now();
  // The PKI is made with the openssl CLI.
  await ensureCommand('openssl', 'openssl', 'openssl');
  const dockerEngine = await ensureDockerEngine();
  log(`docker engine ${dockerEngine}`);
  const terraform = await terraformVersion();
  log(`${terraformBinary()}: ${terraform}`);
  const images: Record<string, string> = {};
  for (const v of versions) {
    images[v] = await ensureKafkaImage(v);
    log(`kafka image ${images[v]}`);
  }
  const cliConfig = await ensureProviders();
  log(`terraform CLI config ${cliConfig} (providers from the local mirror)`);
  const bindings = await ensureBindings();
  log(`provider bindings ${bindings.dir}${bindings.generated ? ` (generated in ${bindings.seconds.toFixed(1)}s)` : ' (cached)'}`);
  const kcat = await ensureKcat();
  log(`kcat ${kcat.cmd} (librdkafka ${kcat.librdkafkaVersion})`);
  return { dockerEngine, terraform, images, cliConfig, seconds: (Date.now() - started) / 1000 };
}
