import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONFLUENT_KAFKA_WHEEL_VERSION,
  MIN_LIBRDKAFKA,
  compareVersions,
  kcatCacheDir,
  kcatWrapperPath,
  parseKcatVersion,
  pickWheelLibs,
  renderWrapper,
  wheelPlatform,
} from '../../../../scripts/lib/engine/kcat.ts';

const DEBIAN_KCAT_V = `kcat - Apache Kafka producer and consumer tool
https://github.com/edenhill/kcat
Copyright (c) 2014-2021, Magnus Edenhill
Version 1.7.1 (JSON, Transactions, IncrementalAssign, librdkafka 2.0.2 builtin.features=gzip,snappy,ssl,sasl,regex,lz4,sasl_gssapi,sasl_plain,sasl_scram,plugins,zstd,sasl_oauthbearer)
`;

const WHEEL_KCAT_V = `kcat - Apache Kafka producer and consumer tool
https://github.com/edenhill/kcat
Copyright (c) 2014-2021, Magnus Edenhill
Version 1.7.1 (JSON, Transactions, IncrementalAssign, librdkafka 2.16.0 builtin.features=gzip,snappy,ssl,sasl,regex,lz4,sasl_plain,sasl_scram,plugins,zstd,sasl_oauthbearer,http,oidc)
`;

describe('kcat -V', () => {
  it('reads the kcat and librdkafka versions and the built-in features', () => {
    expect(parseKcatVersion(DEBIAN_KCAT_V)).toEqual({
      kcat: '1.7.1',
      librdkafka: '2.0.2',
      features: ['gzip', 'snappy', 'ssl', 'sasl', 'regex', 'lz4', 'sasl_gssapi', 'sasl_plain', 'sasl_scram', 'plugins', 'zstd', 'sasl_oauthbearer'],
    });
    const wheel = parseKcatVersion(WHEEL_KCAT_V)!;
    expect(wheel.librdkafka).toBe('2.16.0');
    expect(wheel.features).toContain('sasl_scram');
  });

  it('returns undefined for anything else', () => {
    expect(parseKcatVersion('')).toBeUndefined();
    expect(parseKcatVersion('kcat: error while loading shared libraries: librdkafka.so.1')).toBeUndefined();
  });
});

describe('versions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('2.16.0', '2.6.1')).toBe(1);
    expect(compareVersions('2.0.2', MIN_LIBRDKAFKA)).toBe(-1);
    expect(compareVersions('2.6.1', '2.6.1')).toBe(0);
    expect(compareVersions('2.6', '2.6.0')).toBe(0);
    expect(compareVersions('2.10.0-RC1', '2.9.9')).toBe(1);
  });

  it('accepts the library of the pinned wheel and refuses Debian bookworm', () => {
    expect(compareVersions('2.16.0', MIN_LIBRDKAFKA)).toBeGreaterThanOrEqual(0);
    expect(compareVersions('2.0.2', MIN_LIBRDKAFKA)).toBeLessThan(0);
    expect(CONFLUENT_KAFKA_WHEEL_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('maps Node architectures to manylinux wheel tags', () => {
    expect(wheelPlatform('x64')).toBe('manylinux_2_28_x86_64');
    expect(wheelPlatform('arm64')).toBe('manylinux_2_28_aarch64');
    expect(() => wheelPlatform('ia32')).toThrow(/kcat failed: no confluent-kafka wheel/);
  });
});

describe('picking librdkafka from a wheel listing', () => {
  it('takes the mangled librdkafka of a statically linked wheel (2.16.x)', () => {
    const names = [
      'confluent_kafka/',
      'confluent_kafka/cimpl.cpython-311-x86_64-linux-gnu.so',
      'confluent_kafka/__init__.py',
      'confluent_kafka.libs/',
      'confluent_kafka.libs/librdkafka-0cb94173.so.1',
      'confluent_kafka-2.16.1.dist-info/RECORD',
    ];
    expect(pickWheelLibs(names)).toEqual({
      librdkafka: 'confluent_kafka.libs/librdkafka-0cb94173.so.1',
      files: ['confluent_kafka.libs/librdkafka-0cb94173.so.1'],
    });
  });

  it('keeps the bundled dependencies beside it (older wheels)', () => {
    const names = [
      'confluent_kafka/cimpl.cpython-311-x86_64-linux-gnu.so',
      'confluent_kafka.libs/libcrypto-8e7c7f3a.so.3',
      'confluent_kafka.libs/librdkafka-5d9c3a1b.so.1',
      'confluent_kafka.libs/libssl-2c8a4b9e.so.3',
      'confluent_kafka.libs/libsasl2-1f0e2d3c.so.3.0.0',
      'confluent_kafka.libs/libz-eb09ad1d.so.1.2.13',
    ];
    const got = pickWheelLibs(names);
    expect(got.librdkafka).toBe('confluent_kafka.libs/librdkafka-5d9c3a1b.so.1');
    expect(got.files).toHaveLength(5);
    expect(got.files).not.toContain('confluent_kafka/cimpl.cpython-311-x86_64-linux-gnu.so');
  });

  it('ignores librdkafka++ and refuses a wheel without librdkafka or with two', () => {
    expect(pickWheelLibs(['x.libs/librdkafka++-aaaaaaaa.so.1', 'x.libs/librdkafka-bbbbbbbb.so.1']).librdkafka).toBe(
      'x.libs/librdkafka-bbbbbbbb.so.1',
    );
    expect(() => pickWheelLibs(['confluent_kafka/__init__.py'])).toThrow(/no librdkafka shared library/);
    expect(() => pickWheelLibs(['a.libs/librdkafka-aaaaaaaa.so.1', 'b.libs/librdkafka-bbbbbbbb.so.1'])).toThrow(/several librdkafka/);
  });
});

describe('wrapper script', () => {
  it('prepends the library folder and execs Debian kcat with every argument', () => {
    const text = renderWrapper('/usr/bin/kcat', '/c/kafkalab/kcat/2.16.1/lib', 'note');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain(`LD_LIBRARY_PATH='/c/kafkalab/kcat/2.16.1/lib'\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}`);
    expect(text).toContain(`exec '/usr/bin/kcat' "$@"`);
  });

  it('runs under sh with quoting intact (paths with spaces and quotes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcat-wrapper-'));
    try {
      const fake = join(dir, "fake kcat's");
      writeFileSync(fake, '#!/bin/sh\nprintf "%s|" "$LD_LIBRARY_PATH" "$@"\n', { mode: 0o755 });
      const wrapper = join(dir, 'kcat');
      writeFileSync(wrapper, renderWrapper(fake, "/lib dir/it's", 'test'), { mode: 0o755 });
      const out = execFileSync(wrapper, ['-F', 'a b.conf', '-L'], { env: { PATH: process.env.PATH ?? '', LD_LIBRARY_PATH: '/old' } });
      expect(out.toString()).toBe("/lib dir/it's:/old|-F|a b.conf|-L|");
      const bare = execFileSync(wrapper, [], { env: { PATH: process.env.PATH ?? '' } });
      expect(bare.toString()).toBe("/lib dir/it's|");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lives in the state folder and caches by wheel version', () => {
    expect(kcatWrapperPath()).toMatch(/\/bin\/kcat$/);
    expect(kcatCacheDir('2.16.1')).toMatch(/kafkalab\/kcat\/2\.16\.1$|\/kcat\/2\.16\.1$/);
  });
});
