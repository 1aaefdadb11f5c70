/**
 * The Kafka images that the clusters run: a Debian base made with debootstrap and `docker import`
 * (no registry needed), and one Kafka image per version built on it from jars fetched from Maven
 * Central.
 *
 * Everything the images are made of is in scripts/lib/engine/image/recipe/ (the recipe): pom.xml, Dockerfile,
 * base.json, the launcher templates and the log configs. Their content, with the launcher table
 * below and the version, gives the recipe hash that ends every tag, so a changed recipe gives a new
 * tag and an unchanged one is never rebuilt. The hash is computed synchronously from files alone,
 * so a cdktf stack can name the image at synth time.
 *
 * Caches (shared by every clone, see cacheDir()):
 *   base/<baseHash>.tar            the base root filesystem, as made by debootstrap
 *   jars/<version>-<jarsHash>/     the jars, plus classes.txt; valid only with its .complete marker
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { $, type ProcessOutput } from 'zx';
import { cacheDir, projectRoot } from '../../core/index.ts';
import { type Progress, withProgress } from '../../core/index.ts';

// ---------------------------------------------------------------------------------------------
// Versions
import { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS, isKafkaVersion, type KafkaVersion } from '../../../../stacks/model/versions.ts';
import { StepError } from '../../../../stacks/model/errors.ts';

export { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS, isKafkaVersion, type KafkaVersion };

function assertVersion(v: string): asserts v is KafkaVersion {
  if (!isKafkaVersion(v)) {
    throw new StepError(
      'kafka image',
      `unsupported Kafka version ${JSON.stringify(v)}`,
      `use one of ${KAFKA_VERSIONS.join(', ')}`,
    );
  }
}

/** How a version logs: 3.x through slf4j-reload4j (log4j 1 syntax), 4.x through log4j2. */
export type LoggingFlavor = 'log4j1' | 'log4j2';

export function loggingFlavor(version: KafkaVersion): LoggingFlavor {
  return Number(version.split('.')[0]) >= 4 ? 'log4j2' : 'log4j1';
}

// ---------------------------------------------------------------------------------------------
// Launchers

export interface LauncherSpec {
  /** File name in /opt/kafka/bin, without `.sh`. */
  readonly name: string;
  /** server: INFO to stdout and a bigger heap; tool: WARN+ to stderr. */
  readonly kind: 'server' | 'tool';
  /** Main classes, newest location first: the first one present in the jars is used. */
  readonly candidates: readonly string[];
  /** Left out of the image when no candidate exists (instead of failing the build). */
  readonly optional?: boolean;
}

/**
 * The launchers of /opt/kafka/bin (besides kafka-run-class.sh, which takes the class as its first
 * argument). Classes moved between releases (kafka.admin / kafka.tools in Scala to
 * org.apache.kafka.tools in Java), hence the candidate lists; add a name here when a release moves
 * one again. Part of the recipe hash.
 */
export const LAUNCHERS: readonly LauncherSpec[] = [
  { name: 'kafka-server-start', kind: 'server', candidates: ['kafka.Kafka'] },
  {
    name: 'zookeeper-server-start',
    kind: 'server',
    candidates: ['org.apache.zookeeper.server.quorum.QuorumPeerMain'],
    optional: true,
  },
  { name: 'kafka-storage', kind: 'tool', candidates: ['kafka.tools.StorageTool'] },
  {
    name: 'kafka-topics',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.TopicCommand', 'kafka.admin.TopicCommand'],
  },
  {
    name: 'kafka-configs',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ConfigCommand', 'kafka.admin.ConfigCommand'],
  },
  { name: 'kafka-acls', kind: 'tool', candidates: ['org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand'] },
  { name: 'kafka-metadata-quorum', kind: 'tool', candidates: ['org.apache.kafka.tools.MetadataQuorumCommand'] },
  {
    name: 'kafka-consumer-groups',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'kafka.admin.ConsumerGroupCommand'],
  },
  {
    name: 'kafka-console-producer',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ConsoleProducer', 'kafka.tools.ConsoleProducer'],
  },
  {
    name: 'kafka-console-consumer',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.consumer.ConsoleConsumer', 'kafka.tools.ConsoleConsumer'],
  },
  {
    name: 'kafka-producer-perf-test',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ProducerPerformance', 'kafka.tools.ProducerPerformance'],
  },
  {
    name: 'kafka-consumer-perf-test',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ConsumerPerformance', 'kafka.tools.ConsumerPerformance'],
  },
  {
    name: 'kafka-reassign-partitions',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.reassign.ReassignPartitionsCommand', 'kafka.admin.ReassignPartitionsCommand'],
  },
  {
    name: 'kafka-leader-election',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.LeaderElectionCommand', 'kafka.admin.LeaderElectionCommand'],
  },
  {
    name: 'kafka-broker-api-versions',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.BrokerApiVersionsCommand', 'kafka.admin.BrokerApiVersionsCommand'],
  },
  {
    name: 'kafka-get-offsets',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.GetOffsetShell', 'kafka.tools.GetOffsetShell'],
  },
  {
    name: 'kafka-log-dirs',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.LogDirsCommand', 'kafka.admin.LogDirsCommand'],
  },
  {
    name: 'kafka-delete-records',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.DeleteRecordsCommand', 'kafka.admin.DeleteRecordsCommand'],
  },
  {
    name: 'kafka-dump-log',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.DumpLogSegments', 'kafka.tools.DumpLogSegments'],
  },
  { name: 'kafka-verifiable-producer', kind: 'tool', candidates: ['org.apache.kafka.tools.VerifiableProducer'] },
  { name: 'kafka-verifiable-consumer', kind: 'tool', candidates: ['org.apache.kafka.tools.VerifiableConsumer'] },
  { name: 'kafka-transactions', kind: 'tool', candidates: ['org.apache.kafka.tools.TransactionsCommand'] },
  {
    name: 'kafka-features',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.FeatureCommand', 'kafka.admin.FeatureCommand'],
  },
];

/** The shared launcher: `kafka-run-class.sh CLASS [ARG...]`. */
export const RUN_CLASS_LAUNCHER = 'kafka-run-class';

export interface ResolvedLauncher extends LauncherSpec {
  readonly className: string;
}

/** The first candidate present in `classes` (fully qualified names), or undefined. */
export function resolveClass(candidates: readonly string[], classes: ReadonlySet<string>): string | undefined {
  return candidates.find((c) => classes.has(c));
}

/**
 * Picks the class of every launcher from the classes of a version's jars. Optional launchers
 * without a class are left out; any other one fails, naming the tool.
 */
export function resolveLaunchers(
  version: KafkaVersion,
  classes: ReadonlySet<string>,
  specs: readonly LauncherSpec[] = LAUNCHERS,
): ResolvedLauncher[] {
  const resolved: ResolvedLauncher[] = [];
  for (const spec of specs) {
    const className = resolveClass(spec.candidates, classes);
    if (className) resolved.push({ ...spec, className });
    else if (!spec.optional) {
      throw new StepError(
        'launcher resolution',
        `no main class for ${spec.name}.sh in the Kafka ${version} jars (tried ${spec.candidates.join(', ')})`,
        `find the tool's class in ${version}'s bin/${spec.name}.sh upstream and add it to its candidates in scripts/lib/engine/image/kafka-image.ts`,
      );
    }
  }
  return resolved;
}

// ---------------------------------------------------------------------------------------------
// Recipe files, rendering

/** scripts/lib/engine/image/recipe: every file in it is part of the recipe. */
export const recipeDir: string = join(projectRoot, 'scripts', 'lib', 'engine', 'image', 'recipe');

/** Where the image keeps its jars, launchers and configs. */
export const IMAGE_KAFKA_HOME = '/opt/kafka';
/** The broker's log.dirs in the image, owned by the kafka user (uid 1000). */
export const IMAGE_DATA_DIR = '/var/lib/kafka/data';

const LOG_FILES: Record<LoggingFlavor, { server: string; tool: string }> = {
  log4j1: { server: 'log4j.properties', tool: 'tools-log4j.properties' },
  log4j2: { server: 'log4j2.xml', tool: 'tools-log4j2.xml' },
};

/** The JVM option that points the logging of a version at a config file in `configDir`. */
export function logConfigOption(flavor: LoggingFlavor, kind: 'server' | 'tool', configDir: string): string {
  const file = `${configDir}/${LOG_FILES[flavor][kind]}`;
  return flavor === 'log4j1' ? `-Dlog4j.configuration=file:${file}` : `-Dlog4j2.configurationFile=${file}`;
}

/** Replaces every @NAME@ in `template`; an unknown or missing name is an error. */
export function renderTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/@([A-Z][A-Z0-9_]*)@/g, (_, key: string) => {
    const v = vars[key];
    if (v === undefined) throw new Error(`template placeholder @${key}@ has no value`);
    return v;
  });
}

function readRecipe(rel: string): string {
  return readFileSync(join(recipeDir, rel), 'utf8');
}

/**
 * The text of every file of /opt/kafka/bin for a version, keyed by file name. Templates are read
 * from scripts/lib/engine/image/recipe/launchers unless given (tests pass them).
 */
export function renderLaunchers(
  version: KafkaVersion,
  launchers: readonly ResolvedLauncher[],
  templates: { runClass: string; server: string; tool: string } = {
    runClass: readRecipe('launchers/kafka-run-class.sh.tmpl'),
    server: readRecipe('launchers/server.sh.tmpl'),
    tool: readRecipe('launchers/tool.sh.tmpl'),
  },
): Map<string, string> {
  const flavor = loggingFlavor(version);
  // Expanded by bash at run time, so the image could be relocated.
  const configDir = '${KAFKA_HOME}/config';
  const files = new Map<string, string>();
  files.set(
    `${RUN_CLASS_LAUNCHER}.sh`,
    renderTemplate(templates.runClass, {
      KAFKA_VERSION: version,
      LOGGING: flavor,
      TOOLS_LOG_OPTS: logConfigOption(flavor, 'tool', configDir),
    }),
  );
  for (const l of launchers) {
    files.set(
      `${l.name}.sh`,
      renderTemplate(l.kind === 'server' ? templates.server : templates.tool, {
        NAME: `${l.name}.sh`,
        CLASS: l.className,
        CANDIDATES: l.candidates.join(', '),
        KAFKA_VERSION: version,
        SERVER_LOG_OPTS: logConfigOption(flavor, 'server', configDir),
      }),
    );
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Hashes and tags

/** Bump when the code here changes what an image holds without any recipe file changing. */
const RECIPE_FORMAT = 1;
const BASE_FORMAT = 1;

interface BaseRecipe {
  suite: string;
  variant: string;
  mirror: string;
  include: string[];
  user: { name: string; uid: number; gid: number; home: string; shell: string };
  pruneFilesUnder: string[];
  pruneKeep: string[];
  emptyFiles: string[];
  env: Record<string, string>;
  cmd: string[];
}

function baseRecipe(): BaseRecipe {
  return JSON.parse(readRecipe('base.json')) as BaseRecipe;
}

/** Every file under scripts/lib/engine/image/recipe, as sorted relative paths with forward slashes. */
export function recipeFiles(dir: string = recipeDir): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

function sha12(parts: readonly (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/** Hash of the base image recipe (base.json). */
export function baseRecipeHash(): string {
  return sha12([`kafkalab-base/${BASE_FORMAT}`, readFileSync(join(recipeDir, 'base.json'))]);
}

/** Hash of what decides a version's jars: the pom, the version and its logging binding. */
export function jarsHash(version: KafkaVersion): string {
  assertVersion(version);
  return sha12([
    `kafkalab-jars/${RECIPE_FORMAT}`,
    version,
    loggingFlavor(version),
    readFileSync(join(recipeDir, 'pom.xml')),
  ]);
}

/**
 * sha256 (first 12 hex digits) over every recipe file (pom, Dockerfile, base recipe, launcher
 * templates, log configs), the launcher table and the version. Synchronous and without side
 * effects, for synth time.
 */
export function recipeHash(version: KafkaVersion): string {
  assertVersion(version);
  const parts: (string | Buffer)[] = [
    `kafkalab-kafka/${RECIPE_FORMAT}`,
    version,
    loggingFlavor(version),
    baseRecipeHash(),
    JSON.stringify(LAUNCHERS),
  ];
  for (const f of recipeFiles()) parts.push(f, readFileSync(join(recipeDir, f)));
  return sha12(parts);
}

export const KAFKA_IMAGE_REPOSITORY = 'kafkalab/kafka';
export const BASE_IMAGE_REPOSITORY = 'kafkalab/base';

/** e.g. kafkalab/kafka:4.4.0-0123456789ab */
export function kafkaImageTag(version: KafkaVersion): string {
  return `${KAFKA_IMAGE_REPOSITORY}:${version}-${recipeHash(version)}`;
}

/** e.g. kafkalab/base:bookworm-jre17-0123456789ab */
export function baseImageTag(): string {
  return `${BASE_IMAGE_REPOSITORY}:${baseRecipe().suite}-jre17-${baseRecipeHash()}`;
}

/** The cached base root filesystem tarball. */
export function baseTarballPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'base', `${baseRecipeHash()}.tar`);
}

/**
 * The host folder of a version's cached jars (valid once it holds `.complete`). Kafka's CLI tools
 * run on the host with `java -cp '<dir>/*' CLASS`; see hostToolCommand.
 */
export function jarsDir(version: KafkaVersion, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'jars', `${version}-${jarsHash(version)}`);
}

const COMPLETE_MARKER = '.complete';
const CLASS_INDEX = 'classes.txt';

// ---------------------------------------------------------------------------------------------
// Jar contents

/** The entry names of a zip (jar) file, read from its central directory. */
export function zipEntryNames(buf: Buffer): string[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22, stop = Math.max(0, buf.length - 22 - 0xffff); i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory record');
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && buf.readUInt32LE(locator) === 0x07064b50) {
      const z64 = Number(buf.readBigUInt64LE(locator + 8));
      if (buf.readUInt32LE(z64) !== 0x06064b50) throw new Error('corrupt zip64 end of central directory');
      count = Number(buf.readBigUInt64LE(z64 + 32));
      offset = Number(buf.readBigUInt64LE(z64 + 48));
    }
  }
  const names: string[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw new Error(`corrupt central directory at entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Top-level class names (a.b.C) among zip entry names; no inner classes, no META-INF. */
export function classNamesOf(entries: readonly string[]): string[] {
  return entries
    .filter(
      (e) => e.endsWith('.class') && !e.startsWith('META-INF/') && !e.includes('$') && !e.endsWith('module-info.class'),
    )
    .map((e) => e.slice(0, -'.class'.length).replaceAll('/', '.'));
}

async function indexClasses(dir: string): Promise<Set<string>> {
  const classes = new Set<string>();
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.jar')).sort()) {
    let names: string[];
    try {
      names = zipEntryNames(await readFile(join(dir, f)));
    } catch (error) {
      throw new StepError(
        'jar download',
        `${f} is not a readable jar: ${(error as Error).message}`,
        `delete ${dir} and run again`,
      );
    }
    for (const c of classNamesOf(names)) classes.add(c);
  }
  await writeFile(join(dir, CLASS_INDEX), [...classes].sort().join('\n') + '\n');
  return classes;
}

function readClassIndex(dir: string): Set<string> {
  return new Set(readFileSync(join(dir, CLASS_INDEX), 'utf8').split('\n').filter(Boolean));
}

const SLF4J_BINDINGS =
  /^(slf4j-reload4j|slf4j-log4j12|log4j-slf4j-impl|log4j-slf4j2-impl|logback-classic|slf4j-simple)-\d/;

/** Checks a downloaded jar set; returns a problem, or undefined when fine. */
export function checkJarSet(version: KafkaVersion, jarNames: readonly string[]): string | undefined {
  for (const must of [`kafka_2.13-${version}.jar`, `kafka-tools-${version}.jar`, `kafka-clients-${version}.jar`]) {
    if (!jarNames.includes(must)) return `${must} is missing`;
  }
  const bindings = jarNames.filter((n) => SLF4J_BINDINGS.test(n));
  if (bindings.length !== 1)
    return `expected exactly one slf4j binding, found ${bindings.length ? bindings.join(', ') : 'none'}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Processes

interface RunOptions {
  readonly hint: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly progress?: Progress;
  /** More to say on failure (e.g. the tail of a log file the command wrote). */
  readonly detail?: () => Promise<string>;
}

/** Runs a command (no shell string is built: zx quotes every argument); throws a StepError. */
async function run(step: string, cmd: string, args: readonly string[], opts: RunOptions): Promise<ProcessOutput> {
  const tail: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer | string): void => {
    const lines = (partial + String(chunk)).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      tail.push(line);
      if (tail.length > 15) tail.shift();
      opts.progress?.update(line.length > 100 ? `${line.slice(0, 97)}...` : line);
    }
  };
  const p = $({ quiet: true, nothrow: true, cwd: opts.cwd, env: opts.env ?? process.env })`${cmd} ${args}`;
  p.stdout.on('data', onData);
  p.stderr.on('data', onData);
  const out = await p;
  if (out.exitCode !== 0) {
    if (partial.trim()) tail.push(partial.trim());
    const last = tail.at(-1) ?? 'no output';
    const more = opts.detail ? await opts.detail() : '';
    throw new StepError(
      step,
      `${cmd} exited with ${out.exitCode ?? out.signal}: ${last}\n  command: ${[cmd, ...args].join(
        ' ',
      )}\n  last output:\n    ${tail.join('\n    ')}${more ? `\n  ${more}` : ''}`,
      opts.hint,
    );
  }
  return out;
}

/** Runs `fn`, turning any error that is not already a StepError into one for `step`. */
async function asStep<T>(step: string, hint: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof StepError) throw error;
    throw new StepError(step, error instanceof Error ? error.message : String(error), hint);
  }
}

async function onPath(cmd: string): Promise<boolean> {
  const out = await $({ quiet: true, nothrow: true })`command -v ${cmd}`;
  return out.exitCode === 0;
}

/** Makes sure a command exists, installing its Debian package with apt-get when root. */
async function ensureCommand(step: string, cmd: string, debPackage: string): Promise<void> {
  if (await onPath(cmd)) return;
  const hint = `apt-get update && apt-get install -y ${debPackage}`;
  if (process.getuid?.() !== 0 || !(await onPath('apt-get'))) {
    throw new StepError(step, `${cmd} is not installed`, hint);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await withProgress(`installing ${debPackage} (apt-get)`, async (p) => {
    await run(step, 'apt-get', ['update'], { env, progress: p, hint });
    await run(step, 'apt-get', ['install', '-y', '--no-install-recommends', debPackage], { env, progress: p, hint });
  });
  if (!(await onPath(cmd))) throw new StepError(step, `${cmd} is still missing after installing ${debPackage}`, hint);
}

/** Whether a local image exists; throws when the engine does not answer. */
export async function imageExists(ref: string): Promise<boolean> {
  const out = await $({ quiet: true, nothrow: true })`docker ${['image', 'inspect', '--format', '{{.Id}}', ref]}`;
  if (out.exitCode === 0) return true;
  if (/no such (image|object)/i.test(out.stderr)) return false;
  throw new StepError(
    'docker',
    `docker image inspect ${ref} failed: ${out.stderr.trim().split('\n').at(-1) ?? `exit ${out.exitCode}`}`,
    'is the Docker engine running? `docker info`; start it with `nohup dockerd > /tmp/dockerd.log 2>&1 &`',
  );
}

// ---------------------------------------------------------------------------------------------
// Base image

export interface EnsureOptions {
  /** Build the image again even if its tag exists (the caches are reused). */
  readonly force?: boolean;
}

/** Unmounts whatever an interrupted debootstrap left mounted under `dir`, then deletes it. */
async function removeTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1])
    .filter((m): m is string => Boolean(m))
    .map((m) => m.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) await $({ quiet: true, nothrow: true })`umount ${['-l', m]}`;
  await rm(dir, { recursive: true, force: true });
}

/** Deletes what a killed process left in `parent`: names `<prefix><pid>` whose process is gone. */
async function removeStale(parent: string, prefix: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) await removeTree(join(parent, name));
  }
}

/** Deletes files (not folders) under `dir`, except those named in `keep`. */
async function pruneFiles(dir: string, keep: ReadonlySet<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await pruneFiles(p, keep);
    else if (!keep.has(e.name)) await rm(p, { force: true });
  }
}

async function tailOfFile(path: string, lines: number): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim().split('\n').slice(-lines).join('\n    ');
  } catch {
    return '';
  }
}

/** debootstrap + user + pruning, then tar into `tarPath`. Needs root. */
async function makeBaseTarball(tarPath: string): Promise<void> {
  const recipe = baseRecipe();
  if (process.getuid?.() !== 0) {
    throw new StepError(
      'debootstrap',
      'making the base root filesystem needs root (debootstrap chroots and creates device files)',
      `run this as root once, or put a root filesystem tarball made on another machine at ${tarPath}`,
    );
  }
  await ensureCommand('debootstrap', 'debootstrap', 'debootstrap');
  await mkdir(dirname(tarPath), { recursive: true });
  await removeStale(dirname(tarPath), `rootfs-${baseRecipeHash()}-`);
  await removeStale(dirname(tarPath), `${basename(tarPath)}.partial-`);
  const work = join(dirname(tarPath), `rootfs-${baseRecipeHash()}-${process.pid}`);
  await removeTree(work);
  const mirror = process.env.KAFKALAB_DEBIAN_MIRROR ?? recipe.mirror;
  try {
    await withProgress(`debootstrap ${recipe.suite} with ${recipe.include.join(', ')} (about 2 min)`, async (p) => {
      await run(
        'debootstrap',
        'debootstrap',
        [`--variant=${recipe.variant}`, `--include=${recipe.include.join(',')}`, recipe.suite, work, mirror],
        {
          progress: p,
          hint: `check that ${mirror} is reachable (KAFKALAB_DEBIAN_MIRROR sets another mirror) and that ${dirname(
            work,
          )} has 1 GB free`,
          detail: async () => {
            const log = await tailOfFile(join(work, 'debootstrap', 'debootstrap.log'), 10);
            return log ? `debootstrap.log:\n    ${log}` : '';
          },
        },
      );
    });
    await withProgress(`adding user ${recipe.user.name} and pruning the root filesystem`, () =>
      asStep('base user', 'run again (the half-made root filesystem is removed first)', async () => {
        const u = recipe.user;
        const hint = 'run again (the half-made root filesystem is removed first)';
        await run('base user', 'chroot', [work, 'groupadd', '--gid', String(u.gid), u.name], { hint });
        await run(
          'base user',
          'chroot',
          [
            work,
            'useradd',
            '--uid',
            String(u.uid),
            '--gid',
            String(u.gid),
            '--no-create-home',
            '--home-dir',
            u.home,
            '--shell',
            u.shell,
            u.name,
          ],
          { hint },
        );
        const keep = new Set(recipe.pruneKeep);
        for (const rel of recipe.pruneFilesUnder) await pruneFiles(join(work, rel), keep);
        for (const rel of recipe.emptyFiles) await writeFile(join(work, rel), '');
      }),
    );
    const partial = `${tarPath}.partial-${process.pid}`;
    try {
      await withProgress(`packing the root filesystem into ${tarPath}`, (p) =>
        run('base tarball', 'tar', ['--numeric-owner', '-C', work, '-cf', partial, '.'], {
          progress: p,
          hint: `check the free space under ${dirname(tarPath)}`,
        }),
      );
      await rename(partial, tarPath);
    } finally {
      await rm(partial, { force: true });
    }
  } finally {
    await removeTree(work);
  }
}

let baseInFlight: Promise<string> | undefined;

/**
 * Makes sure the base image exists: kept if its tag exists, else imported from the cached root
 * filesystem tarball, else made with debootstrap (about 2 minutes; needs root) and cached.
 * Returns its tag.
 */
export async function ensureBaseImage(opts: EnsureOptions = {}): Promise<string> {
  if (!opts.force && baseInFlight) return baseInFlight;
  const p = ensureBaseImageOnce(opts);
  baseInFlight = p;
  try {
    return await p;
  } finally {
    if (baseInFlight === p) baseInFlight = undefined;
  }
}

async function ensureBaseImageOnce(opts: EnsureOptions): Promise<string> {
  const tag = baseImageTag();
  if (!opts.force && (await imageExists(tag))) return tag;
  const tarPath = baseTarballPath();
  if (!existsSync(tarPath)) await makeBaseTarball(tarPath);
  const recipe = baseRecipe();
  const changes = [
    ...Object.entries(recipe.env).flatMap(([k, v]) => ['--change', `ENV ${k}=${v}`]),
    '--change',
    `CMD ${JSON.stringify(recipe.cmd)}`,
  ];
  await withProgress(`importing ${tag}`, (p) =>
    run(
      'docker import',
      'docker',
      ['import', ...changes, '--message', `kafkalab base recipe ${baseRecipeHash()}`, tarPath, tag],
      {
        progress: p,
        hint: `is the Docker engine running (docker info)? If the tarball is damaged, delete ${tarPath} and run again`,
      },
    ),
  );
  return tag;
}

// ---------------------------------------------------------------------------------------------
// Jars

/**
 * Makes sure a version's jars are in the cache (Maven Central through mvn, about 40 s cold) and
 * returns their folder. The folder is complete only with its .complete marker, written last.
 */
export async function ensureJars(version: KafkaVersion): Promise<string> {
  assertVersion(version);
  const dir = jarsDir(version);
  if (existsSync(join(dir, COMPLETE_MARKER))) return dir;
  await ensureCommand('jar download', 'mvn', 'maven');
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
        await run('jar download', 'mvn', args, {
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
    await asStep('jar cache', `check the free space and permissions of ${dirname(dir)}`, async () => {
      await removeTree(dir);
      await rename(tmp, dir);
      await writeFile(join(dir, COMPLETE_MARKER), `${new Date().toISOString()} ${count} jars\n`);
    });
    return dir;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Kafka image

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/**
 * Makes sure the Kafka image of a version exists (base image, jars, then `docker build` with the
 * legacy builder) and returns its tag. With the image present it only asks Docker, well under a
 * second.
 */
export async function ensureKafkaImage(version: KafkaVersion, opts: EnsureOptions = {}): Promise<string> {
  assertVersion(version);
  const tag = kafkaImageTag(version);
  if (!opts.force && (await imageExists(tag))) return tag;
  const base = await ensureBaseImage();
  const dir = await ensureJars(version);
  const classes = existsSync(join(dir, CLASS_INDEX)) ? readClassIndex(dir) : await indexClasses(dir);
  const launchers = resolveLaunchers(version, classes);
  const flavor = loggingFlavor(version);

  const ctx = await asStep('build context', `check the free space of ${tmpdir()}`, () =>
    mkdtemp(join(tmpdir(), 'kafkalab-image-')),
  );
  try {
    await asStep('build context', `check the free space of ${tmpdir()}`, async () => {
      // COPY keeps the context's modes, so they are set here whatever the umask (mkdtemp gives 0700).
      await chmod(ctx, 0o755);
      for (const d of ['libs', 'bin', 'config']) {
        await mkdir(join(ctx, d));
        await chmod(join(ctx, d), 0o755);
      }
      for (const jar of (await readdir(dir)).filter((n) => n.endsWith('.jar'))) {
        await linkOrCopy(join(dir, jar), join(ctx, 'libs', jar));
        await chmod(join(ctx, 'libs', jar), 0o644);
      }
      for (const [name, text] of renderLaunchers(version, launchers)) {
        await writeFile(join(ctx, 'bin', name), text);
        await chmod(join(ctx, 'bin', name), 0o755);
      }
      const configSrc = join(recipeDir, 'config', flavor);
      for (const f of await readdir(configSrc)) {
        if (!(await lstat(join(configSrc, f))).isFile()) continue;
        await copyFile(join(configSrc, f), join(ctx, 'config', f));
        await chmod(join(ctx, 'config', f), 0o644);
      }
      await copyFile(join(recipeDir, 'Dockerfile'), join(ctx, 'Dockerfile'));
    });

    await withProgress(`docker build ${tag}`, (p) =>
      run(
        'docker build',
        'docker',
        [
          'build',
          '--tag',
          tag,
          '--build-arg',
          `BASE_IMAGE=${base}`,
          '--build-arg',
          `KAFKA_VERSION=${version}`,
          '--build-arg',
          `RECIPE=${recipeHash(version)}`,
          '--file',
          join(ctx, 'Dockerfile'),
          ctx,
        ],
        {
          env: { ...process.env, DOCKER_BUILDKIT: '0' },
          progress: p,
          hint: 'is the Docker engine running (docker info)? The build uses the legacy builder (DOCKER_BUILDKIT=0)',
        },
      ),
    );
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
  return tag;
}

// ---------------------------------------------------------------------------------------------
// Kafka's CLI tools on the host

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
