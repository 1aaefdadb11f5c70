import { describe, expect, it } from 'vitest';
import { pickWheelLibs, wheelPlatform } from '../../../../scripts/lib/engine/kcat-wheel.ts';

describe('wheel platform', () => {
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
