/**
 * The librdkafka that kcat runs against, taken from PyPI's confluent-kafka manylinux wheel (see
 * kcat.ts for why):
 *   1. Find a Python with pip (installing Debian's python3-pip when none has it).
 *   2. `pip download` the wheel for this CPU (no dependencies, binary only).
 *   3. List its members and pick the bundled librdkafka and its sibling libraries (pickWheelLibs).
 *   4. Extract those into `<dest>/lib/` and add a `librdkafka.so.1` symlink to the mangled name.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch as hostArch } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { $ } from 'zx';
import { StepError } from '../../../stacks/model/errors.ts';
import { aptInstall } from './apt.ts';

/** The confluent-kafka wheel the library is taken from (it bundles librdkafka 2.16.0). */
export const CONFLUENT_KAFKA_WHEEL_VERSION = '2.16.1';

/** The step name of kcat's errors ("kcat failed: ..."). */
export const KCAT_STEP = 'kcat';

/** manylinux platform tag of the wheel for a Node `process.arch`. */
export function wheelPlatform(arch: string = hostArch()): string {
  if (arch === 'x64') return 'manylinux_2_28_x86_64';
  if (arch === 'arm64') return 'manylinux_2_28_aarch64';
  throw new StepError(KCAT_STEP, `no confluent-kafka wheel for CPU architecture ${arch}`, 'install a kcat linked against librdkafka 2.6.1 or newer by hand');
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
      KCAT_STEP,
      pool.length === 0
        ? 'the confluent-kafka wheel holds no librdkafka shared library'
        : `the confluent-kafka wheel holds several librdkafka libraries: ${pool.join(', ')}`,
      `pick another wheel version (CONFLUENT_KAFKA_WHEEL_VERSION in scripts/lib/engine/kcat-wheel.ts)`,
    );
  }
  const librdkafka = pool[0]!;
  const dir = dirname(librdkafka);
  const siblings = files.filter((n) => dirname(n) === dir && /\.so(\.\d+)*$/.test(n));
  return { librdkafka, files: siblings };
}

/** What fetchLibrdkafka laid out. */
export interface FetchedLibrary {
  readonly wheelVersion: string;
  /** The wheel's file name. */
  readonly wheel: string;
  /** The library's file name in `lib/` (the mangled one; librdkafka.so.1 links to it). */
  readonly library: string;
}

/** The last lines of a command's output, on one line. */
export function outputTail(text: string, lines = 3): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}

/** A Python with pip: the one on PATH, else Debian's (installing python3-pip when needed). */
async function pythonWithPip(): Promise<string> {
  for (const py of ['python3', '/usr/bin/python3']) {
    if ((await $({ nothrow: true, quiet: true })`${py} -m pip --version`).exitCode === 0) return py;
  }
  await aptInstall(['python3-pip'], KCAT_STEP);
  return '/usr/bin/python3';
}

const PY_LIST = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
const PY_EXTRACT = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor n in sys.argv[3:]: z.extract(n, sys.argv[2])';

/** Download the wheel and lay out `<dest>/lib/` with its libraries and a librdkafka.so.1 symlink. */
export async function fetchLibrdkafka(wheelVersion: string, dest: string): Promise<FetchedLibrary> {
  const py = await pythonWithPip();
  const dl = join(dest, 'download');
  mkdirSync(dl, { recursive: true });
  const platform = wheelPlatform();
  const got = await $({ cwd: dl, nothrow: true, quiet: true, timeout: '5m' })`${py} -m pip download --no-deps --only-binary=:all: --platform ${platform} --python-version 3.11 --disable-pip-version-check --dest ${dl} ${`confluent-kafka==${wheelVersion}`}`;
  const wheel = readdirSync(dl).find((f) => f.endsWith('.whl'));
  if (got.exitCode !== 0 || !wheel) {
    throw new StepError(
      KCAT_STEP,
      `pip download confluent-kafka==${wheelVersion} (${platform}) failed: ${outputTail(got.stderr || got.stdout)}`,
      'check that PyPI answers (`pip index versions confluent-kafka`) and that this version has a manylinux_2_28 wheel',
    );
  }
  const wheelPath = join(dl, wheel);
  const listing = await $({ nothrow: true, quiet: true })`${py} -c ${PY_LIST} ${wheelPath}`;
  if (listing.exitCode !== 0) throw new StepError(KCAT_STEP, `cannot read ${wheel}: ${outputTail(listing.stderr)}`, `remove ${dest} and try again`);
  const libs = pickWheelLibs(listing.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  const unpacked = join(dest, 'unpacked');
  const ex = await $({ nothrow: true, quiet: true })`${py} -c ${PY_EXTRACT} ${wheelPath} ${unpacked} ${libs.files}`;
  if (ex.exitCode !== 0) throw new StepError(KCAT_STEP, `cannot unpack ${wheel}: ${outputTail(ex.stderr)}`, `remove ${dest} and try again`);
  const lib = join(dest, 'lib');
  renameSync(join(unpacked, dirname(libs.librdkafka)), lib);
  const library = basename(libs.librdkafka);
  if (library !== 'librdkafka.so.1') symlinkSync(library, join(lib, 'librdkafka.so.1'));
  rmSync(unpacked, { recursive: true, force: true });
  rmSync(dl, { recursive: true, force: true });
  return { wheelVersion, wheel, library };
}
