/**
 * The Kafka Connect jars in the cache (connect-jars/<version>-<connectJarsHash>/), fetched from
 * Maven Central by mvn with the Connect recipe's pom.xml:
 *   1. A folder with its .complete marker is kept as it is.
 *   2. Install maven when mvn is missing; remove partial downloads of killed runs.
 *   3. `mvn dependency:copy-dependencies` into `<dir>.partial-<pid>/all` (about 15 s cold).
 *   4. Check the jar set; move each plugin's own jars into plugins/<folder>/ and the rest into
 *      libs/; check that every plugin holds its connector classes and libs/ the worker's class.
 *   5. Rename the partial folder into place and write .complete last.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withProgress } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { ensureCommand } from '../apt.ts';
import { asStep, runStep } from '../run-step.ts';
import { COMPLETE_MARKER } from './cache.ts';
import { CONNECT_PLUGINS, CONNECT_VERSION, checkConnectJarSet, connectJarsDir, connectMvnArgs, pluginFolderOf } from './connect-recipe.ts';
import { indexClasses } from './jar-index.ts';
import { removeStale, commitCacheDir } from './leftovers.ts';

/** The worker's main class, which libs/ must hold. */
export const CONNECT_DISTRIBUTED_CLASS = 'org.apache.kafka.connect.cli.ConnectDistributed';

const POM_HINT = 'check scripts/lib/engine/image/connect-recipe/pom.xml';

/**
 * Makes sure the Connect jars are in the cache (Maven Central through mvn) and returns their
 * folder (libs/ and plugins/). The folder is complete only with its .complete marker, written last.
 */
export async function ensureConnectJars(): Promise<string> {
  const dir = connectJarsDir();
  if (existsSync(join(dir, COMPLETE_MARKER))) return dir;
  await ensureCommand('jar download', 'mvn', 'maven', { recommends: false });
  await removeStale(dirname(dir), `${basename(dir)}.partial-`);
  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(join(tmp, 'all'), { recursive: true });
  try {
    const count = await withProgress(
      `downloading the Kafka Connect ${CONNECT_VERSION} jars (Maven Central)`,
      async (p) => {
        await runStep('jar download', 'mvn', connectMvnArgs(join(tmp, 'all')), {
          progress: p,
          hint: 'check that Maven Central is reachable (a mirror or proxy goes in ~/.m2/settings.xml), then run again',
        });
        return splitJars(tmp);
      },
      'done',
    );
    await asStep('jar cache', `check the free space and permissions of ${dirname(dir)}`, () => commitCacheDir(tmp, dir, `${count} jars`));
    return dir;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Step 4: checks `<tmp>/all`, moves its jars into libs/ and plugins/<folder>/; returns the jar count. */
async function splitJars(tmp: string): Promise<number> {
  const all = join(tmp, 'all');
  const jars = (await readdir(all)).filter((n) => n.endsWith('.jar'));
  const problem = checkConnectJarSet(jars);
  if (problem) throw new StepError('jar download', `Kafka Connect ${CONNECT_VERSION}: ${problem}`, POM_HINT);
  await mkdir(join(tmp, 'libs'));
  for (const p of CONNECT_PLUGINS) await mkdir(join(tmp, 'plugins', p.folder), { recursive: true });
  for (const jar of jars) {
    const folder = pluginFolderOf(jar);
    await rename(join(all, jar), folder ? join(tmp, 'plugins', folder, jar) : join(tmp, 'libs', jar));
  }
  await rm(all, { recursive: true, force: true });
  const libs = await indexClasses(join(tmp, 'libs'));
  if (!libs.has(CONNECT_DISTRIBUTED_CLASS)) {
    throw new StepError('jar download', `no ${CONNECT_DISTRIBUTED_CLASS} in the Kafka Connect ${CONNECT_VERSION} jars`, POM_HINT);
  }
  for (const p of CONNECT_PLUGINS) {
    const classes = await indexClasses(join(tmp, 'plugins', p.folder));
    const missing = p.connectors.filter((c) => !classes.has(c));
    if (missing.length) {
      throw new StepError('jar download', `plugin ${p.folder} lacks ${missing.join(', ')}`, POM_HINT);
    }
  }
  return jars.length;
}
