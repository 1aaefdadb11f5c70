/**
 * kcat that can talk to Kafka 4.x over SASL/SCRAM.
 *
 * Debian bookworm's kcat 1.7.1 links librdkafka 2.0.2, whose SCRAM fails against Kafka 4.x
 * ("Authentication failed during authentication due to invalid credentials with SASL mechanism
 * SCRAM-SHA-512"; fixed in librdkafka 2.6.1). No newer kcat or librdkafka is reachable through the
 * registries this project may use, but PyPI's `confluent-kafka` manylinux wheels bundle a recent,
 * self-contained librdkafka (OpenSSL, SASL, zstd, lz4 linked in). Debian's kcat binary runs fine
 * against it: we take the wheel with pip, keep only its `confluent_kafka.libs/` folder, put a
 * `librdkafka.so.1` symlink beside the auditwheel-mangled library and run `/usr/bin/kcat` with
 * LD_LIBRARY_PATH on that folder. A wrapper script in the state folder does that for users.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { arch as hostArch } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { $ } from 'zx';
import { aptInstall } from './docker-engine.ts';
import { cacheDir, stateDir } from '../core/index.ts';
import { withProgress } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';

/** The confluent-kafka wheel the library is taken from (it bundles librdkafka 2.16.0). */
export const CONFLUENT_KAFKA_WHEEL_VERSION = '2.16.1';
/** Oldest librdkafka whose SCRAM works against Kafka 4.x brokers. */
export const MIN_LIBRDKAFKA = '2.6.1';
/** Debian's kcat (package `kcat`). */
export const SYSTEM_KCAT = '/usr/bin/kcat';

const STEP = 'kcat';

export interface KcatInstall {
  /** The wrapper script (`<stateDir>/bin/kcat`): runs Debian's kcat against the new librdkafka. */
  readonly cmd: string;
  /**
   * What the wrapper sets (LD_LIBRARY_PATH), for callers that run `kcatBinary` or another
   * librdkafka program directly. Not needed to run `cmd`.
   */
  readonly env: Record<string, string>;
  /** librdkafka version that `kcat -V` reports through the wrapper, e.g. `2.16.0`. */
  readonly librdkafkaVersion: string;
  /** Debian's kcat binary the wrapper execs. */
  readonly kcatBinary: string;
  /** Folder holding `librdkafka.so.1` and the wheel's bundled libraries. */
  readonly libDir: string;
  /** confluent-kafka wheel version the library came from. */
  readonly wheelVersion: string;
}

export interface EnsureKcatOptions {
  /** confluent-kafka wheel version; default CONFLUENT_KAFKA_WHEEL_VERSION. */
  readonly wheelVersion?: string;
}

// ---------------------------------------------------------------------------------------------
// Pure parts
// ---------------------------------------------------------------------------------------------

export interface KcatVersionInfo {
  readonly kcat: string;
  readonly librdkafka: string;
  readonly features: readonly string[];
}

/**
 * Parse `kcat -V`, e.g.
 * `Version 1.7.1 (JSON, Transactions, IncrementalAssign, librdkafka 2.16.0 builtin.features=gzip,ssl,…)`.
 */
export function parseKcatVersion(output: string): KcatVersionInfo | undefined {
  const kcat = /^Version\s+(\S+)/m.exec(output)?.[1];
  const lib = /librdkafka\s+v?(\d+\.\d+\.\d+[^\s)]*)/.exec(output)?.[1];
  if (!kcat || !lib) return undefined;
  const features = /builtin\.features=([^\s)]*)/.exec(output)?.[1]?.split(',').filter(Boolean) ?? [];
  return { kcat, librdkafka: lib, features };
}

/** Compare dotted numeric versions (`2.16.0` vs `2.6.1`); suffixes after the numbers are ignored. */
export function compareVersions(a: string, b: string): number {
  const nums = (v: string): number[] => (/^\d+(?:\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map(Number);
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** manylinux platform tag of the wheel for a Node `process.arch`. */
export function wheelPlatform(arch: string = hostArch()): string {
  if (arch === 'x64') return 'manylinux_2_28_x86_64';
  if (arch === 'arm64') return 'manylinux_2_28_aarch64';
  throw new StepError(STEP, `no confluent-kafka wheel for CPU architecture ${arch}`, 'install a kcat linked against librdkafka 2.6.1 or newer by hand');
}

export interface WheelLibs {
  /** Member path of librdkafka inside the wheel, e.g. `confluent_kafka.libs/librdkafka-0cb94173.so.1`. */
  readonly librdkafka: string;
  /** Every file in the same folder (librdkafka and the libraries it was bundled with). */
  readonly files: readonly string[];
}

const LIBRDKAFKA_RE = /^librdkafka(?:-[0-9a-f]{6,})?\.so(?:\.\d+)*$/;

/**
 * Pick the bundled librdkafka from a wheel's member list: auditwheel puts it in
 * `confluent_kafka.libs/` under a mangled name (`librdkafka-<hash>.so.1`), next to any libraries it
 * needs (older wheels: `libssl-<hash>.so.3` and friends; newer ones link those in statically).
 */
export function pickWheelLibs(names: readonly string[]): WheelLibs {
  const files = names.filter((n) => !n.endsWith('/'));
  const candidates = files.filter((n) => LIBRDKAFKA_RE.test(basename(n)) && !basename(n).includes('++'));
  const preferred = candidates.filter((n) => /\.libs\/[^/]+$/.test(n));
  const pool = preferred.length > 0 ? preferred : candidates;
  if (pool.length !== 1) {
    throw new StepError(
      STEP,
      pool.length === 0
        ? 'the confluent-kafka wheel holds no librdkafka shared library'
        : `the confluent-kafka wheel holds several librdkafka libraries: ${pool.join(', ')}`,
      `pick another wheel version (CONFLUENT_KAFKA_WHEEL_VERSION in scripts/lib/engine/kcat.ts)`,
    );
  }
  const librdkafka = pool[0]!;
  const dir = dirname(librdkafka);
  const siblings = files.filter((n) => dirname(n) === dir && /\.so(\.\d+)*$/.test(n));
  return { librdkafka, files: siblings };
}

/** The wrapper script: Debian's kcat with the new librdkafka first on the library path. */
export function renderWrapper(kcatBinary: string, libDir: string, note: string): string {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    `# written by kafkalab (scripts/lib/engine/kcat.ts): ${note}`,
    `LD_LIBRARY_PATH=${q(libDir)}\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}`,
    'export LD_LIBRARY_PATH',
    `exec ${q(kcatBinary)} "$@"`,
    '',
  ].join('\n');
}

/** Where the wrapper goes: `<stateDir>/bin/kcat`. */
export function kcatWrapperPath(): string {
  return join(stateDir(), 'bin', 'kcat');
}

/** The cache folder of one wheel version: `<cacheDir>/kcat/<version>/`. */
export function kcatCacheDir(wheelVersion: string = CONFLUENT_KAFKA_WHEEL_VERSION): string {
  return join(cacheDir(), 'kcat', wheelVersion);
}

// ---------------------------------------------------------------------------------------------
// Side effects
// ---------------------------------------------------------------------------------------------

interface Stamp {
  readonly wheelVersion: string;
  readonly wheel: string;
  readonly library: string;
  readonly librdkafkaVersion: string;
}

function readStamp(path: string): Stamp | undefined {
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as Stamp;
    return typeof s.librdkafkaVersion === 'string' && typeof s.library === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** The stamp of a complete install in `dir` (stamp, library and librdkafka.so.1 all there), else undefined. */
function validInstall(dir: string): Stamp | undefined {
  const stamp = readStamp(join(dir, 'stamp.json'));
  const lib = join(dir, 'lib');
  return stamp && existsSync(join(lib, 'librdkafka.so.1')) && existsSync(join(lib, stamp.library)) ? stamp : undefined;
}

function tail(text: string, lines = 3): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}

/** A Python with pip: the one on PATH, else Debian's (installing python3-pip when needed). */
async function pythonWithPip(): Promise<string> {
  for (const py of ['python3', '/usr/bin/python3']) {
    if ((await $({ nothrow: true, quiet: true })`${py} -m pip --version`).exitCode === 0) return py;
  }
  await aptInstall(['python3-pip'], STEP);
  return '/usr/bin/python3';
}

/** Run kcat -V with a library path and parse it. */
async function kcatVersion(kcatBinary: string, libDir?: string): Promise<KcatVersionInfo> {
  const env = { ...process.env, ...(libDir ? { LD_LIBRARY_PATH: libDir } : {}) };
  const out = await $({ env, nothrow: true, quiet: true, timeout: '20s' })`${kcatBinary} -V`;
  const info = parseKcatVersion(out.stdout + out.stderr);
  if (out.exitCode !== 0 || !info) {
    throw new StepError(
      STEP,
      `${kcatBinary} -V${libDir ? ` with LD_LIBRARY_PATH=${libDir}` : ''} failed (exit ${out.exitCode}): ${tail(out.stderr || out.stdout)}`,
      `remove ${libDir ? dirname(libDir) : 'the kcat cache'} and try again; check that ${kcatBinary} is Debian's kcat`,
    );
  }
  return info;
}

const PY_LIST = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
const PY_EXTRACT = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor n in sys.argv[3:]: z.extract(n, sys.argv[2])';

/** Download the wheel and lay out `<dest>/lib/` with its libraries and a librdkafka.so.1 symlink. */
async function fetchLibrdkafka(wheelVersion: string, dest: string): Promise<Stamp> {
  const py = await pythonWithPip();
  const dl = join(dest, 'download');
  mkdirSync(dl, { recursive: true });
  const platform = wheelPlatform();
  const got = await $({ cwd: dl, nothrow: true, quiet: true, timeout: '5m' })`${py} -m pip download --no-deps --only-binary=:all: --platform ${platform} --python-version 3.11 --disable-pip-version-check --dest ${dl} ${`confluent-kafka==${wheelVersion}`}`;
  const wheel = readdirSync(dl).find((f) => f.endsWith('.whl'));
  if (got.exitCode !== 0 || !wheel) {
    throw new StepError(
      STEP,
      `pip download confluent-kafka==${wheelVersion} (${platform}) failed: ${tail(got.stderr || got.stdout)}`,
      'check that PyPI answers (`pip index versions confluent-kafka`) and that this version has a manylinux_2_28 wheel',
    );
  }
  const wheelPath = join(dl, wheel);
  const listing = await $({ nothrow: true, quiet: true })`${py} -c ${PY_LIST} ${wheelPath}`;
  if (listing.exitCode !== 0) throw new StepError(STEP, `cannot read ${wheel}: ${tail(listing.stderr)}`, `remove ${dest} and try again`);
  const libs = pickWheelLibs(listing.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  const unpacked = join(dest, 'unpacked');
  const ex = await $({ nothrow: true, quiet: true })`${py} -c ${PY_EXTRACT} ${wheelPath} ${unpacked} ${libs.files}`;
  if (ex.exitCode !== 0) throw new StepError(STEP, `cannot unpack ${wheel}: ${tail(ex.stderr)}`, `remove ${dest} and try again`);
  const lib = join(dest, 'lib');
  renameSync(join(unpacked, dirname(libs.librdkafka)), lib);
  const library = basename(libs.librdkafka);
  if (library !== 'librdkafka.so.1') symlinkSync(library, join(lib, 'librdkafka.so.1'));
  rmSync(unpacked, { recursive: true, force: true });
  rmSync(dl, { recursive: true, force: true });
  return { wheelVersion, wheel, library, librdkafkaVersion: '' };
}

/** Write the wrapper unless it already has this content; atomically, so a running one is never half-written. */
function writeWrapper(path: string, text: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o755 });
  chmodSync(tmp, 0o755);
  renameSync(tmp, path);
}

/**
 * Make sure a kcat that works against Kafka 4.x SCRAM is there: Debian's kcat (installed with
 * apt-get when /usr/bin/kcat is missing) run against the librdkafka bundled in PyPI's
 * confluent-kafka wheel, cached by wheel version under `<cacheDir>/kcat/<version>/`, and a wrapper
 * at `<stateDir>/bin/kcat`. Idempotent; a warm call only checks files and rewrites nothing.
 */
export async function ensureKcat(opts: EnsureKcatOptions = {}): Promise<KcatInstall> {
  const wheelVersion = opts.wheelVersion ?? CONFLUENT_KAFKA_WHEEL_VERSION;
  if (!existsSync(SYSTEM_KCAT)) await aptInstall(['kcat'], STEP);
  if (!existsSync(SYSTEM_KCAT)) {
    throw new StepError(STEP, `apt-get install kcat left no ${SYSTEM_KCAT}`, 'apt-get install kcat by hand and check `dpkg -L kcat`');
  }

  const dir = kcatCacheDir(wheelVersion);
  const libDir = join(dir, 'lib');
  let stamp = validInstall(dir);
  if (!stamp) {
    stamp = await withProgress(
      `fetching librdkafka for kcat from PyPI (confluent-kafka ${wheelVersion} wheel, about 5 MB)`,
      async () => {
        const work = `${dir}.tmp-${process.pid}`;
        rmSync(work, { recursive: true, force: true });
        mkdirSync(work, { recursive: true });
        try {
          const fetched = await fetchLibrdkafka(wheelVersion, work);
          const info = await kcatVersion(SYSTEM_KCAT, join(work, 'lib'));
          if (compareVersions(info.librdkafka, MIN_LIBRDKAFKA) < 0) {
            throw new StepError(
              STEP,
              `${SYSTEM_KCAT} still reports librdkafka ${info.librdkafka} with the wheel's library on LD_LIBRARY_PATH (need ${MIN_LIBRDKAFKA} or newer)`,
              `check \`ldd ${SYSTEM_KCAT}\`: it must load librdkafka.so.1 dynamically`,
            );
          }
          const done: Stamp = { ...fetched, librdkafkaVersion: info.librdkafka };
          writeFileSync(join(work, 'stamp.json'), `${JSON.stringify(done, null, 2)}\n`);
          // Another process may have finished the same version meanwhile: keep its copy.
          const theirs = validInstall(dir);
          if (theirs) return theirs;
          rmSync(dir, { recursive: true, force: true }); // leftovers of a broken install
          renameSync(work, dir);
          return done;
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      },
      `cached in ${dir}`,
    );
  }

  const cmd = kcatWrapperPath();
  writeWrapper(
    cmd,
    renderWrapper(SYSTEM_KCAT, libDir, `Debian's kcat with librdkafka ${stamp.librdkafkaVersion} from the confluent-kafka ${stamp.wheelVersion} wheel`),
  );
  return {
    cmd,
    env: { LD_LIBRARY_PATH: libDir },
    librdkafkaVersion: stamp.librdkafkaVersion,
    kcatBinary: SYSTEM_KCAT,
    libDir,
    wheelVersion: stamp.wheelVersion,
  };
}
