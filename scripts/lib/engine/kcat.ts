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
 *
 * ensureKcat, in steps:
 *   1. Install Debian's kcat when /usr/bin/kcat is missing.
 *   2. Keep a complete install in `<cacheDir>/kcat/<wheel version>/` (stamp.json, the library and
 *      librdkafka.so.1 all there).
 *   3. Else fetch the library into `<dir>.tmp-<pid>` (kcat-wheel.ts), check that `kcat -V` with it
 *      reports librdkafka MIN_LIBRDKAFKA or newer, write stamp.json and rename the folder into
 *      place; a copy another process finished meanwhile wins.
 *   4. Write the wrapper `<stateDir>/bin/kcat` unless it already has that content.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { $ } from 'zx';
import { cacheDir, stateDir, withProgress } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';
import { aptInstall } from './apt.ts';
import { CONFLUENT_KAFKA_WHEEL_VERSION, KCAT_STEP, type FetchedLibrary, fetchLibrdkafka, outputTail } from './kcat-wheel.ts';

/** Oldest librdkafka whose SCRAM works against Kafka 4.x brokers. */
export const MIN_LIBRDKAFKA = '2.6.1';
/** Debian's kcat (package `kcat`). */
export const SYSTEM_KCAT = '/usr/bin/kcat';

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
  /** confluent-kafka wheel version to take librdkafka from. @default CONFLUENT_KAFKA_WHEEL_VERSION */
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

/** stamp.json of a complete install: the fetched library and the version kcat reports with it. */
interface Stamp extends FetchedLibrary {
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

/** Run kcat -V with a library path and parse it. */
async function kcatVersion(kcatBinary: string, libDir?: string): Promise<KcatVersionInfo> {
  const env = { ...process.env, ...(libDir ? { LD_LIBRARY_PATH: libDir } : {}) };
  const out = await $({ env, nothrow: true, quiet: true, timeout: '20s' })`${kcatBinary} -V`;
  const info = parseKcatVersion(out.stdout + out.stderr);
  if (out.exitCode !== 0 || !info) {
    throw new StepError(
      KCAT_STEP,
      `${kcatBinary} -V${libDir ? ` with LD_LIBRARY_PATH=${libDir}` : ''} failed (exit ${out.exitCode}): ${outputTail(out.stderr || out.stdout)}`,
      `remove ${libDir ? dirname(libDir) : 'the kcat cache'} and try again; check that ${kcatBinary} is Debian's kcat`,
    );
  }
  return info;
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
  if (!existsSync(SYSTEM_KCAT)) await aptInstall(['kcat'], KCAT_STEP);
  if (!existsSync(SYSTEM_KCAT)) {
    throw new StepError(KCAT_STEP, `apt-get install kcat left no ${SYSTEM_KCAT}`, 'apt-get install kcat by hand and check `dpkg -L kcat`');
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
              KCAT_STEP,
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
