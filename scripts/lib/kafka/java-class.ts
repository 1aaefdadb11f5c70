/**
 * kafkalab's small Java programs (scripts/lib/kafka/java/): each one class, compiled on the host
 * with javac against a Kafka version's cached jars and cached by version, jars folder and source
 * hash, then copied into a container of the cluster's Kafka image (which has the JRE and the same
 * jars in /opt/kafka/libs).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import type { KafkaVersion } from '../../../stacks/model/versions.ts';
import { cacheDir } from '../core/index.ts';
import { jarsDir } from '../engine/index.ts';

export interface CompiledClassOptions {
  /** The cache folder (under the cache dir) and the salt of its key. @default className */
  readonly cacheName?: string;
  /** Where the cache dir and the jars are found. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** More folders of jars to compile against, after the version's (e.g. Kafka Streams' jars); part of the cache key. @default [] */
  readonly classpath?: readonly string[];
}

/**
 * Where a version's compiled class is cached: `<cache>/<cacheName>/<version>-<hash>`, the hash over
 * the cache name, the jars folder it is compiled against and the source.
 */
export function compiledClassDir(version: KafkaVersion, source: string | Buffer, cacheName: string, env: NodeJS.ProcessEnv = process.env, classpath: readonly string[] = []): string {
  const jars = jarsDir(version, env);
  const h = createHash('sha256').update(`kafkalab-${cacheName}/1\0`).update(jars).update('\0');
  // Only when there are more folders, so the keys of the classes cached before stay the same.
  for (const dir of classpath) h.update(`+${dir}\0`);
  const hash = h.update(source).digest('hex').slice(0, 12);
  return join(cacheDir(env), cacheName, `${version}-${hash}`);
}

/** The javac command line: Java 17 bytecode against every jar of the folder, without the warnings (deprecations of 4.x included). */
export function javacArgs(jars: string, outDir: string, sourcePath: string, classpath: readonly string[] = []): string[] {
  return ['--release', '17', '-nowarn', '-Xlint:-deprecation', '-cp', [jars, ...classpath].map((d) => `${d}/*`).join(':'), '-d', outDir, sourcePath];
}

/**
 * The compiled class of a version (javac --release 17 against the version's cached jars), built
 * once and cached; returns the path of `<className>.class`. The source must compile to that one
 * class file (no nested classes: lambdas are fine), since callers copy only it. Throws with the
 * reason when it cannot be built (no javac, jars not cached, a compile error).
 */
export async function ensureCompiledClass(version: KafkaVersion, sourcePath: string, className: string, opts: CompiledClassOptions = {}): Promise<string> {
  const env = opts.env ?? process.env;
  const source = readFileSync(sourcePath);
  const classpath = opts.classpath ?? [];
  const dir = compiledClassDir(version, source, opts.cacheName ?? className, env, classpath);
  const classFile = join(dir, `${className}.class`);
  if (existsSync(join(dir, '.complete'))) return classFile;
  const jars = jarsDir(version, env);
  if (!existsSync(join(jars, '.complete'))) throw new Error(`the Kafka ${version} jars are not cached yet (${jars}): run npm run setup`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const r = await $({ quiet: true, nothrow: true })`javac ${javacArgs(jars, tmp, sourcePath, classpath)}`;
    if (r.exitCode !== 0) throw new Error(`javac ${className} failed (${r.exitCode}): ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' | ')}`);
    if (!existsSync(join(tmp, `${className}.class`))) throw new Error(`javac did not write ${className}.class from ${sourcePath}`);
    writeFileSync(join(tmp, '.complete'), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return classFile;
}
