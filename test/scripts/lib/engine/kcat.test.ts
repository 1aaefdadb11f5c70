import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MIN_LIBRDKAFKA,
  compareVersions,
  kcatCacheDir,
  kcatWrapperPath,
  parseKcatVersion,
  renderWrapper,
} from '../../../../scripts/lib/engine/kcat.ts';
import { CONFLUENT_KAFKA_WHEEL_VERSION } from '../../../../scripts/lib/engine/kcat-wheel.ts';

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
