import { describe, expect, it } from 'vitest';
import { mountsAtOrUnder, parseMountInfo, scratchMountDir } from '../../../../scripts/lib/cluster/volume-mounts.ts';

const VOL = '/var/lib/docker/volumes/kafkalab-x-kafka-3-data/_data';
const mountinfo = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
  `301 27 0:63 / ${VOL} rw,relatime - tmpfs kafkalab-x-kafka-3-data-disk rw,size=43008k,mode=750,uid=1000,gid=1000`,
  `302 301 0:64 / ${VOL}/deeper rw,relatime shared:9 - tmpfs other rw`,
  `303 27 0:65 / ${VOL}-not-below rw,relatime - tmpfs elsewhere rw`,
  '304 27 0:66 / /mnt/with\\040space rw,relatime - tmpfs spaced rw',
  '',
].join('\n');

describe('mount table', () => {
  it('reads mount point, type and source, optional fields and octal escapes included', () => {
    const m = parseMountInfo(mountinfo);
    expect(m).toHaveLength(6);
    expect(m[2]).toEqual({ mountPoint: VOL, fsType: 'tmpfs', source: 'kafkalab-x-kafka-3-data-disk' });
    expect(m[3]).toEqual({ mountPoint: `${VOL}/deeper`, fsType: 'tmpfs', source: 'other' });
    expect(m[5]!.mountPoint).toBe('/mnt/with space');
  });

  it('lists the mounts at or below a folder, deepest first, and not its namesakes', () => {
    const hits = mountsAtOrUnder(parseMountInfo(mountinfo), `${VOL}/`).map((m) => m.mountPoint);
    expect(hits).toEqual([`${VOL}/deeper`, VOL]);
    expect(mountsAtOrUnder(parseMountInfo(mountinfo), '/nothing/here')).toEqual([]);
  });

  it('stacked mounts on one point come out most recent first', () => {
    const stacked = parseMountInfo([`1 27 0:1 / /a rw - tmpfs first rw`, `2 1 0:2 / /a rw - tmpfs second rw`].join('\n'));
    expect(mountsAtOrUnder(stacked, '/a').map((m) => m.source)).toEqual(['second', 'first']);
  });

  it('keeps scratch mount points out of the cluster state folder that teardown deletes', () => {
    expect(scratchMountDir('lab', { KAFKALAB_STATE_DIR: '/s' })).toBe('/s/mounts/lab');
  });
});
