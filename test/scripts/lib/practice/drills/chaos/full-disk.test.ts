import { describe, expect, it } from 'vitest';
import { configValue, firehoseVerdict, parsePartitionCount, worstCaseBytes } from '../../../../../../scripts/lib/practice/drills/chaos/full-disk.ts';
import { describeUsage, isLeftoverLogDir, parseDf, smallDiskMiB, usedPercent } from '../../../../../../scripts/lib/practice/drills/kit/small-disk.ts';

const MiB = 1024 * 1024;

describe('full-disk: sizing the small disk and reading df', () => {
  it('sizes the disk as the data now plus the room to fill, in whole MiB', () => {
    expect(smallDiskMiB(847_872, 40)).toBe(41);
    expect(smallDiskMiB(0, 40)).toBe(40);
    expect(smallDiskMiB(2 * MiB, 40)).toBe(42);
  });

  it('parses df -P -B1 and rounds the used share up, as df does', () => {
    const u = parseDf(['Filesystem 1-blocks Used Available Capacity Mounted on', 'kafkalab-x-disk 44040192 44040192 0 100% /var/lib/docker/volumes/x/_data'].join('\n'));
    expect(u).toEqual({ source: 'kafkalab-x-disk', sizeBytes: 44_040_192, usedBytes: 44_040_192, availBytes: 0 });
    expect(usedPercent(u)).toBe(100);
    expect(usedPercent({ ...u, usedBytes: 44 * MiB, availBytes: 198 * MiB, sizeBytes: 242 * MiB })).toBe(19);
    expect(describeUsage({ source: 'd', sizeBytes: 242 * MiB, usedBytes: 42 * MiB, availBytes: 200 * MiB })).toBe('d: 42 MiB used of 242 MiB (18%), 200 MiB free');
    expect(() => parseDf('df: /nope: No such file or directory')).toThrow(/df printed no usage line/);
  });

  it('skips only the left-over partition folders of the drill topic when putting data back', () => {
    expect(isLeftoverLogDir('debug-firehose', 'debug-firehose-0.807319295db24831b148c0348d1c5998-stray')).toBe(true);
    expect(isLeftoverLogDir('debug-firehose', 'debug-firehose-1.a2f11f5107364e099c7aeb3ecdf0a6b4-delete')).toBe(true);
    expect(isLeftoverLogDir('debug-firehose', 'debug-firehose-0')).toBe(false);
    expect(isLeftoverLogDir('debug-firehose', 'chaos-disk-2.e853e5d01ed744a88f0b713a3f175b23-delete')).toBe(false);
    expect(isLeftoverLogDir('debug.firehose', 'debugxfirehose-0.807319295db24831b148c0348d1c5998-stray')).toBe(false);
  });
});

describe('full-disk: can the firehose fill the disk again?', () => {
  it('bounds a partition by retention.bytes plus one open segment; unlimited is no bound', () => {
    expect(worstCaseBytes(2, 16 * MiB, 4 * MiB)).toBe(40 * MiB);
    expect(worstCaseBytes(2, -1, 4 * MiB)).toBeUndefined();
  });

  it('passes a cap that fits in half the disk, fails no cap or a cap whose segments are too big', () => {
    const disk = 242 * MiB;
    expect(firehoseVerdict({ partitions: 2, retentionBytes: 16 * MiB, segmentBytes: 4 * MiB, diskBytes: disk })).toEqual({
      ok: true,
      saw: 'retention.bytes=16777216, segment.bytes=4194304, 2 partitions: up to 40 MiB (partitions × (retention.bytes + segment.bytes)) on a 242 MiB disk, half of it 121 MiB',
    });
    expect(firehoseVerdict({ partitions: 2, retentionBytes: -1, segmentBytes: 1024 * MiB, diskBytes: disk }).saw).toContain('no size limit');
    // A small retention.bytes does not help while the open segment may grow to 1 GiB.
    expect(firehoseVerdict({ partitions: 2, retentionBytes: 16 * MiB, segmentBytes: 1024 * MiB, diskBytes: disk }).ok).toBe(false);
  });

  it("reads the partition count and effective configs from Kafka's tools", () => {
    expect(parsePartitionCount('Topic: debug-firehose\tTopicId: x\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: retention.bytes=-1')).toBe(2);
    expect(() => parsePartitionCount('nothing')).toThrow(/no PartitionCount/);
    const configs = [
      'All configs for topic debug-firehose are:',
      '  retention.bytes=16777216 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.bytes=16777216, DEFAULT_CONFIG:log.retention.bytes=-1}',
      '  segment.bytes=1073741824 sensitive=false synonyms={DEFAULT_CONFIG:log.segment.bytes=1073741824}',
    ].join('\n');
    expect(configValue(configs, 'retention.bytes')).toBe('16777216');
    expect(configValue(configs, 'segment.bytes')).toBe('1073741824');
    expect(configValue(configs, 'retention.ms')).toBeUndefined();
  });
});
