import { describe, expect, it } from 'vitest';
import { checkJarSet, classNamesOf, zipEntryNames } from '../../../../../scripts/lib/engine/image/jar-index.ts';

/** A zip with stored, empty entries; `extra` adds an extra field and a comment to each entry. */
function makeZip(names: readonly string[], extra = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const n of names) {
    const name = Buffer.from(n);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra ? 4 : 0, 30);
    central.writeUInt16LE(extra ? 3 : 0, 32);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, Buffer.from(extra ? [0xfe, 0xca, 0, 0] : []), Buffer.from(extra ? 'abc' : ''));
    offset += 30 + name.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(names.length, 8);
  eocd.writeUInt16LE(names.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe('jar contents', () => {
  it('reads entry names from the central directory', () => {
    const names = ['META-INF/MANIFEST.MF', 'kafka/Kafka.class', 'kafka/Kafka$.class', 'org/x/Y.class'];
    expect(zipEntryNames(makeZip(names))).toEqual(names);
    expect(zipEntryNames(makeZip(names, true))).toEqual(names);
  });

  it('refuses what is not a zip', () => {
    expect(() => zipEntryNames(Buffer.from('not a zip file at all, no central directory here'))).toThrow(/not a zip/);
  });

  it('keeps top-level classes only', () => {
    expect(
      classNamesOf([
        'META-INF/MANIFEST.MF',
        'META-INF/versions/9/module-info.class',
        'META-INF/versions/11/a/B.class',
        'module-info.class',
        'kafka/Kafka.class',
        'kafka/Kafka$.class',
        'kafka/tools/',
        'org/apache/kafka/tools/AclCommand.class',
      ]),
    ).toEqual(['kafka.Kafka', 'org.apache.kafka.tools.AclCommand']);
  });

  it('checks the jar set for the Kafka jars and exactly one slf4j binding', () => {
    const base = ['kafka_2.13-4.4.0.jar', 'kafka-tools-4.4.0.jar', 'kafka-clients-4.4.0.jar', 'slf4j-api-1.7.36.jar'];
    expect(checkJarSet('4.4.0', [...base, 'log4j-slf4j-impl-2.25.5.jar'])).toBeUndefined();
    expect(checkJarSet('4.4.0', base)).toMatch(/one slf4j binding, found none/);
    expect(checkJarSet('4.4.0', [...base, 'log4j-slf4j-impl-2.25.5.jar', 'slf4j-reload4j-1.7.36.jar'])).toMatch(
      /found 2|log4j-slf4j-impl/,
    );
    expect(checkJarSet('4.4.0', base.slice(1))).toMatch(/kafka_2\.13-4\.4\.0\.jar is missing/);
  });
});
