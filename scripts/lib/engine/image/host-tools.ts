/**
 * Kafka's CLI tools run on the host, from the cached jars: the same class resolution and log
 * configs as the image's launchers, without a container.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StepError } from '../../../../stacks/model/errors.ts';
import { CLASS_INDEX, COMPLETE_MARKER, jarsDir } from './cache.ts';
import { readClassIndex } from './jar-index.ts';
import { logConfigOption } from './launcher-scripts.ts';
import { LAUNCHERS, RUN_CLASS_LAUNCHER, resolveClass } from './launchers.ts';
import { recipeDir } from './recipe.ts';
import { assertVersion, loggingFlavor, type KafkaVersion } from './versions.ts';

/** A command line: the program and its arguments. */
export interface HostCommand {
  readonly cmd: string;
  readonly args: string[];
}

/**
 * The java command line that runs a launcher's class on the host from the cached jars (same class
 * resolution as the image, tools log WARN+ to stderr); append the tool's own arguments. `tool` is a
 * launcher name such as 'kafka-console-producer' (a trailing .sh is accepted); for
 * 'kafka-run-class' the line ends at the classpath and the caller appends the class. The jars must
 * be cached (ensureJars or ensureKafkaImage).
 */
export function hostToolCommand(version: KafkaVersion, tool: string): HostCommand {
  assertVersion(version);
  const name = tool.replace(/\.sh$/, '');
  const dir = jarsDir(version);
  if (!existsSync(join(dir, COMPLETE_MARKER)) || !existsSync(join(dir, CLASS_INDEX))) {
    throw new StepError(
      'host tool',
      `the Kafka ${version} jars are not cached (${dir})`,
      `npx tsx scripts/build-image.ts --version ${version}`,
    );
  }
  const flavor = loggingFlavor(version);
  const configDir = join(recipeDir, 'config', flavor);
  const cmd = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const classpath = ['-cp', join(dir, '*')];
  if (name === RUN_CLASS_LAUNCHER) {
    return { cmd, args: ['-Xmx256m', logConfigOption(flavor, 'tool', configDir), ...classpath] };
  }
  const spec = LAUNCHERS.find((l) => l.name === name);
  if (!spec) {
    throw new StepError(
      'host tool',
      `unknown launcher ${JSON.stringify(tool)}`,
      `one of ${[...LAUNCHERS.map((l) => l.name), RUN_CLASS_LAUNCHER].join(', ')}`,
    );
  }
  const className = resolveClass(spec.candidates, readClassIndex(dir));
  if (!className) {
    throw new StepError(
      'host tool',
      `${spec.name} does not exist in Kafka ${version} (tried ${spec.candidates.join(', ')})`,
    );
  }
  const heap = spec.kind === 'server' ? ['-Xmx512m', '-Xms512m'] : ['-Xmx256m'];
  return { cmd, args: [...heap, logConfigOption(flavor, spec.kind, configDir), ...classpath, className] };
}
