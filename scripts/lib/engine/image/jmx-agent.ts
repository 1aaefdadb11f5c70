/**
 * The Prometheus JMX exporter's Java agent in the cache (agents/jmx_prometheus_javaagent-<version>/),
 * fetched from Maven Central by mvn, for every Kafka image's /opt/kafka/agents/:
 *   1. A folder with its .complete marker is kept as it is.
 *   2. Install maven when mvn is missing; remove partial downloads of killed runs.
 *   3. `mvn dependency:copy` of JMX_EXPORTER_ARTIFACT, without its version in the file name, into
 *      `<dir>.partial-<pid>` (no project needed; run inside that folder so no pom.xml is picked up).
 *   4. Check that the file is a jar (a zip), rename the folder into place, write .complete last.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withProgress } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { ensureCommand } from '../apt.ts';
import { asStep, runStep } from '../run-step.ts';
import { COMPLETE_MARKER, jmxAgentDir } from './cache.ts';
import { removeStale, commitCacheDir } from './leftovers.ts';
import { IMAGE_JMX_AGENT_PATH, JMX_EXPORTER_ARTIFACT, JMX_EXPORTER_VERSION } from './recipe.ts';

/** The agent's file name, in the cache and in the image. */
export const JMX_AGENT_FILE = basename(IMAGE_JMX_AGENT_PATH);

/** The plugin doing the copy, pinned like the recipe's pom.xml pins it. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** The arguments of the mvn run that copies the agent into `outDir` as jmx_prometheus_javaagent.jar. */
export function jmxAgentMvnArgs(outDir: string): string[] {
  return [
    '-B',
    `${DEPENDENCY_PLUGIN}:copy`,
    `-Dartifact=${JMX_EXPORTER_ARTIFACT}`,
    `-DoutputDirectory=${outDir}`,
    '-Dmdep.stripVersion=true',
    '-Dmdep.overWriteReleases=true',
  ];
}

/** Whether `head` (a file's first bytes) starts like a jar: a zip's local file header. */
export function looksLikeJar(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

async function fileHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Makes sure the JMX exporter agent is in the cache (Maven Central through mvn, a few seconds cold)
 * and returns the jar's path. Its folder is complete only with its .complete marker, written last.
 */
export async function ensureJmxAgent(): Promise<string> {
  const dir = jmxAgentDir();
  const jar = join(dir, JMX_AGENT_FILE);
  if (existsSync(join(dir, COMPLETE_MARKER))) return jar;
  await ensureCommand('agent download', 'mvn', 'maven', { recommends: false });
  await removeStale(dirname(dir), `${basename(dir)}.partial-`);
  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await withProgress(`downloading the JMX exporter agent ${JMX_EXPORTER_VERSION} (Maven Central)`, async (p) => {
      await runStep('agent download', 'mvn', jmxAgentMvnArgs(tmp), {
        cwd: tmp,
        progress: p,
        hint: 'check that Maven Central is reachable (a mirror or proxy goes in ~/.m2/settings.xml), then run again',
      });
      const got = join(tmp, JMX_AGENT_FILE);
      if (!existsSync(got) || !looksLikeJar(await fileHead(got))) {
        throw new StepError('agent download', `mvn left no jar at ${got} for ${JMX_EXPORTER_ARTIFACT}`, 'delete ~/.m2/repository/io/prometheus/jmx and run again');
      }
    });
    await asStep('agent cache', `check the free space and permissions of ${dirname(dir)}`, () => commitCacheDir(tmp, dir, JMX_EXPORTER_ARTIFACT));
    return jar;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
