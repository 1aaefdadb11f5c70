/**
 * What a version's jars hold: the class names read from each jar's zip central directory (no
 * unzip needed), kept in the jars folder as classes.txt, and the check that a downloaded jar set
 * is whole (the Kafka jars and exactly one slf4j binding).
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StepError } from '../../../../stacks/model/errors.ts';
import { CLASS_INDEX } from './cache.ts';
import type { KafkaVersion } from './versions.ts';

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

/** Reads the class names of every jar in `dir` and writes them to its classes.txt. */
export async function indexClasses(dir: string): Promise<Set<string>> {
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

/** The class names of a jars folder, from its classes.txt. */
export function readClassIndex(dir: string): Set<string> {
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
