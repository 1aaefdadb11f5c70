/**
 * A version's jars in the cache (jars/<version>-<jarsHash>/), fetched from Maven Central by mvn
 * with the recipe's pom.xml:
 *   1. A folder with its .complete marker is kept as it is.
 *   2. Install maven when mvn is missing; remove partial downloads of killed runs.
 *   3. `mvn dependency:copy-dependencies` into `<dir>.partial-<pid>` (about 40 s cold).
 *   4. Check the jar set (jar-index.ts), index its classes, and resolve every launcher's class,
 *      so a version whose tools moved fails here rather than in the image.
 *   5. Rename the partial folder into place and write .complete last.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withProgress } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { ensureCommand } from '../apt.ts';
import { asStep, runStep } from '../run-step.ts';
import { COMPLETE_MARKER, jarsDir } from './cache.ts';
import { checkJarSet, indexClasses } from './jar-index.ts';
import { resolveLaunchers } from './launchers.ts';
import { removeStale, commitCacheDir } from './leftovers.ts';
import { recipeDir } from './recipe.ts';
import { assertVersion, loggingFlavor, type KafkaVersion } from './versions.ts';

/**
 * Makes sure a version's jars are in the cache (Maven Central through mvn, about 40 s cold) and
 * returns their folder. The folder is complete only with its .complete marker, written last.
 */
export async function ensureJars(version: KafkaVersion): Promise<string> {
  assertVersion(version);
  const dir = jarsDir(version);
  if (existsSync(join(dir, COMPLETE_MARKER))) return dir;
  await ensureCommand('jar download', 'mvn', 'maven', { recommends: false });
  await removeStale(dirname(dir), `${basename(dir)}.partial-`);
  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    const args = [
      '-B',
      '-f',
      join(recipeDir, 'pom.xml'),
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${tmp}`,
      `-Dkafka.version=${version}`,
      ...(loggingFlavor(version) === 'log4j2' ? ['-Dkafka.logging=log4j2'] : []),
    ];
    const count = await withProgress(
      `downloading the Kafka ${version} jars (Maven Central)`,
      async (p) => {
        await runStep('jar download', 'mvn', args, {
          progress: p,
          hint: `check that Maven Central is reachable (a mirror or proxy goes in ~/.m2/settings.xml), then run again`,
        });
        const jars = (await readdir(tmp)).filter((n) => n.endsWith('.jar'));
        const problem = checkJarSet(version, jars);
        if (problem) throw new StepError('jar download', `Kafka ${version}: ${problem}`, 'check scripts/lib/engine/image/recipe/pom.xml');
        const classes = await indexClasses(tmp);
        resolveLaunchers(version, classes);
        return jars.length;
      },
      'done',
    );
    await asStep('jar cache', `check the free space and permissions of ${dirname(dir)}`, () => commitCacheDir(tmp, dir, `${count} jars`));
    return dir;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
