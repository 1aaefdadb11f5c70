import { describe, expect, it } from 'vitest';
import { labHostPlan } from '../../../../scripts/lib/lab-hosts/index.ts';
import { cgroupDirsOf, isEngineProcess, labMountsIn, parseMountInfo } from '../../../../scripts/lib/lab-hosts/live.ts';

const MOUNTINFO = [
  '22 1 8:0 / / rw,relatime - ext4 /dev/vda rw',
  '30 25 0:26 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory',
  '31 25 0:27 / /sys/fs/cgroup/unified rw,nosuid - cgroup2 cgroup2 rw',
  '80 22 0:4 net:[4026532301] /run/netns/kafkalab-lab-1 rw - nsfs nsfs rw',
  '90 22 8:0 /var/lib/kafkalab-lab/lab-1 /var/lib/kafkalab-lab/lab-1 rw - ext4 /dev/vda rw',
  '91 90 0:50 / /var/lib/kafkalab-lab/lab-1/overlay2/abc/merged rw - overlay overlay rw',
  '92 22 0:4 net:[4026532400] /run/kafkalab-lab/lab-1/exec/netns/default rw - nsfs nsfs rw',
  '93 22 0:4 / /mnt/with\\040space rw - tmpfs tmpfs rw',
].join('\n');

const host = labHostPlan(1, { logDir: '/s' }).hosts[0]!;

describe('reading the machine', () => {
  it('parses mountinfo: mount points (escapes undone) and filesystem types', () => {
    const m = parseMountInfo(MOUNTINFO);
    expect(m[1]).toEqual({ mountPoint: '/sys/fs/cgroup/memory', fsType: 'cgroup' });
    expect(m.at(-1)).toEqual({ mountPoint: '/mnt/with space', fsType: 'tmpfs' });
  });

  it("lists the lab's mounts deepest first, so they unmount in order", () => {
    expect(labMountsIn(parseMountInfo(MOUNTINFO))).toEqual([
      '/var/lib/kafkalab-lab/lab-1/overlay2/abc/merged',
      '/run/kafkalab-lab/lab-1/exec/netns/default',
      '/var/lib/kafkalab-lab/lab-1',
    ]);
  });

  it("finds a host's cgroup in every hierarchy, v1 and v2", () => {
    expect(cgroupDirsOf(parseMountInfo(MOUNTINFO), host)).toEqual(['/sys/fs/cgroup/memory/kafkalab-lab-1', '/sys/fs/cgroup/unified/kafkalab-lab-1']);
  });

  it("knows a host's dockerd, containerd and shims by program and folder, and nothing else", () => {
    const is = (...argv: string[]): boolean => isEngineProcess({ pid: 1, argv }, host);
    expect(is('dockerd', '--data-root', '/var/lib/kafkalab-lab/lab-1', '--exec-root', '/run/kafkalab-lab/lab-1/exec')).toBe(true);
    expect(is('containerd', '--config', '/run/kafkalab-lab/lab-1/exec/containerd/containerd.toml')).toBe(true);
    expect(is('/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-address', '/run/kafkalab-lab/lab-1/exec/containerd/containerd.sock')).toBe(true);
    expect(is('dockerd')).toBe(false); // the machine's own engine
    expect(is('tail', '-f', '/run/kafkalab-lab/lab-1/dockerd.pid')).toBe(false);
    expect(is('dockerd', '--exec-root', '/run/kafkalab-lab/lab-10/exec')).toBe(false);
  });
});
