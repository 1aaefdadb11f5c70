/**
 * The Apicurio Registry application archive in the cache (registry/apicurio-registry-app-<version>/),
 * fetched from Maven Central by mvn, for the Schema Registry image:
 *   1. A folder with its .complete marker is kept as it is.
 *   2. Install maven when mvn is missing; remove partial downloads of killed runs.
 *   3. `mvn dependency:copy` of REGISTRY_ARTIFACT (the runnable Quarkus layout, a tar.gz of about
 *      159 MB; about 12 s here) into `<dir>.partial-<pid>`, run inside that folder so no pom.xml is
 *      picked up.
 *   4. Check that the file is a gzip, rename the folder into place, write .complete last.
 * The archive is unpacked into each build context (registry-image.ts), not in the cache.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withProgress } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { ensureCommand } from '../apt.ts';
import { asStep, runStep } from '../run-step.ts';
import { COMPLETE_MARKER } from './cache.ts';
import { commitCacheDir, removeStale } from './leftovers.ts';
import { REGISTRY_ARCHIVE_FILE, REGISTRY_ARTIFACT, REGISTRY_VERSION, registryArchiveDir } from './registry-recipe.ts';

/** The plugin doing the copy, pinned like jmx-agent.ts pins it. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** The arguments of the mvn run that copies the archive into `outDir` (as REGISTRY_ARCHIVE_FILE). */
export function registryMvnArgs(outDir: string): string[] {
  return ['-B', `${DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${REGISTRY_ARTIFACT}`, `-DoutputDirectory=${outDir}`, '-Dmdep.overWriteReleases=true'];
}

/** Whether `head` (a file's first bytes) starts like a gzip stream. */
export function looksLikeGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function fileHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Makes sure the registry archive is in the cache (Maven Central through mvn) and returns its path.
 * Its folder is complete only with its .complete marker, written last.
 */
export async function ensureRegistryArchive(): Promise<string> {
  const dir = registryArchiveDir();
  if (existsSync(join(dir, COMPLETE_MARKER))) return join(dir, REGISTRY_ARCHIVE_FILE);
  await ensureCommand('registry download', 'mvn', 'maven', { recommends: false });
  await removeStale(dirname(dir), `${basename(dir)}.partial-`);
  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await withProgress(`downloading Apicurio Registry ${REGISTRY_VERSION} (Maven Central, about 159 MB)`, async (p) => {
      await runStep('registry download', 'mvn', registryMvnArgs(tmp), {
        cwd: tmp,
        progress: p,
        hint: 'check that Maven Central is reachable (a mirror or proxy goes in ~/.m2/settings.xml), then run again',
      });
      await checkArchive(join(tmp, REGISTRY_ARCHIVE_FILE));
    });
    await asStep('registry cache', `check the free space and permissions of ${dirname(dir)}`, () => commitCacheDir(tmp, dir, REGISTRY_ARTIFACT));
    return join(dir, REGISTRY_ARCHIVE_FILE);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Step 4: the downloaded file is there and a gzip. */
async function checkArchive(path: string): Promise<void> {
  if (existsSync(path) && looksLikeGzip(await fileHead(path))) return;
  throw new StepError('registry download', `mvn left no tar.gz at ${path} for ${REGISTRY_ARTIFACT}`, 'delete ~/.m2/repository/io/apicurio/apicurio-registry-app and run again');
}
