/**
 * The jars a Streams app needs beyond the Kafka image's own (kafka-streams and rocksdbjni), fetched
 * from Maven Central by mvn with scripts/lib/streams/java/pom.xml into the cache
 * (`<cache>/streams-jars/<version>-<hash>`, complete once it holds `.complete`), about 5 s cold.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import type { KafkaVersion } from '../../../stacks/model/versions.ts';
import { cacheDir, projectRoot, withProgress } from '../core/index.ts';

export const STREAMS_POM = join(projectRoot, 'scripts', 'lib', 'streams', 'java', 'pom.xml');

/** Where a version's Streams jars are cached: keyed by the version and the pom. */
export function streamsJarsDir(version: KafkaVersion, env: NodeJS.ProcessEnv = process.env, pom: string | Buffer = readFileSync(STREAMS_POM)): string {
  const hash = createHash('sha256').update(`kafkalab-streams-jars/1\0${version}\0`).update(pom).digest('hex').slice(0, 12);
  return join(cacheDir(env), 'streams-jars', `${version}-${hash}`);
}

/** What a complete folder must hold: kafka-streams of the version, and RocksDB. */
export function streamsJarsProblem(version: KafkaVersion, jars: readonly string[]): string | undefined {
  if (!jars.includes(`kafka-streams-${version}.jar`)) return `no kafka-streams-${version}.jar among ${jars.join(', ') || 'nothing'}`;
  if (!jars.some((j) => /^rocksdbjni-.*\.jar$/.test(j))) return `no rocksdbjni jar among ${jars.join(', ')}`;
  if (jars.some((j) => /^kafka-clients-/.test(j))) return 'kafka-clients came along: the image has its own, two would clash';
  return undefined;
}

/** The folder of a version's Streams jars, downloaded once (mvn) and cached. Throws with mvn's words. */
export async function ensureStreamsJars(version: KafkaVersion): Promise<string> {
  const dir = streamsJarsDir(version);
  if (existsSync(join(dir, '.complete'))) return dir;
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await withProgress(`downloading the Kafka Streams ${version} jars (Maven Central)`, async () => {
      const args = ['-B', '-q', '-f', STREAMS_POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`, `-Dkafka.version=${version}`];
      const r = await $({ quiet: true, nothrow: true })`mvn ${args}`;
      if (r.exitCode !== 0) throw new Error(`mvn could not fetch kafka-streams ${version} (${r.exitCode}): ${(r.stdout + r.stderr).trim().split('\n').filter((l) => /ERROR/.test(l)).slice(0, 2).join(' | ') || 'see mvn -X'}`);
      const problem = streamsJarsProblem(version, readdirSync(tmp).filter((n) => n.endsWith('.jar')));
      if (problem) throw new Error(`the Kafka Streams ${version} jars: ${problem} (check ${STREAMS_POM})`);
    }, 'done');
    writeFileSync(join(tmp, '.complete'), '');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, '..'), { recursive: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
