/**
 * Builds the kafkalab Kafka images: npx tsx scripts/build-image.ts [--version X]... [--force]
 * Exit 0 when every image is there, 1 when a build failed, 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { KAFKA_VERSIONS, type KafkaVersion, ensureKafkaImage, isKafkaVersion } from './lib/engine/index.ts';
import { StepError } from '../stacks/model/errors.ts';

const usage = `usage: npx tsx scripts/build-image.ts [--version X]... [--force] [--help]

Builds the Kafka image of each version given (default: ${KAFKA_VERSIONS.join(' and ')}) and the
Debian base image under it, reusing the caches (jars, base root filesystem) and skipping images
whose tag exists. Prints one tag per line on stdout.

  --version X   ${KAFKA_VERSIONS.join(' or ')}; repeat for several
  --force       build the images again even if their tags exist
  --help        this text
`;

function parse(argv: string[]): { versions: KafkaVersion[]; force: boolean } | number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        version: { type: 'string', multiple: true },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const versions: KafkaVersion[] = [];
  for (const v of values.version ?? KAFKA_VERSIONS) {
    if (!isKafkaVersion(v)) {
      process.stderr.write(`unsupported Kafka version ${JSON.stringify(v)}: use ${KAFKA_VERSIONS.join(' or ')}\n\n${usage}`);
      return 2;
    }
    if (!versions.includes(v)) versions.push(v);
  }
  return { versions, force: values.force ?? false };
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (typeof args === 'number') return args;
  for (const version of args.versions) {
    const started = Date.now();
    const tag = await ensureKafkaImage(version, { force: args.force });
    process.stderr.write(`✔ Kafka ${version}: ${tag} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
    process.stdout.write(`${tag}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof StepError) process.stderr.write(`\n${error.message}\n`);
    else process.stderr.write(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
