import { describe, expect, it } from 'vitest';
import { connectProblems, resolveConnect } from '../../../stacks/model/connect.ts';
import { claimedPorts, resolveCluster } from '../../../stacks/model/resolve.ts';
import { validateSpec } from '../../../stacks/model/validate.ts';

describe('connect in the spec', () => {
  it('takes true, false or { workers, heapMiB }, and refuses anything else naming the field, the value and the fix', () => {
    expect(connectProblems(undefined)).toEqual([]);
    expect(connectProblems(true)).toEqual([]);
    expect(connectProblems({ workers: 3, heapMiB: 1024 })).toEqual([]);
    expect(connectProblems('yes')).toEqual([`'connect' ('yes') must be true, false or an object: e.g. "connect": true or "connect": { "workers": 2 }`]);
    expect(connectProblems({ workers: 0 })).toEqual(["'connect.workers' (0) is out of range: use a whole number of workers from 1 to 3"]);
    expect(connectProblems({ workers: 4 })).toEqual(["'connect.workers' (4) is out of range: use a whole number of workers from 1 to 3"]);
    expect(connectProblems({ heapMiB: 64 })).toEqual(["'connect.heapMiB' (64) is out of range: use a whole number of MiB from 256 to 4096"]);
    expect(connectProblems({ worker: 2 })).toEqual(["unknown field 'connect.worker': remove it (known: workers, heapMiB)"]);
  });

  it('resolves workers with REST ports after Prometheus (basePort + 19, 20, 21), published like the brokers', () => {
    expect(resolveConnect(undefined, 'kafkalab-x', 19092)).toBeUndefined();
    expect(resolveConnect(false, 'kafkalab-x', 19092)).toBeUndefined();
    const c = resolveConnect({ workers: 2 }, 'kafkalab-x', 19092)!;
    expect(c.workers).toEqual([
      { index: 1, hostname: 'connect-1', containerName: 'kafkalab-x-connect-1', restPort: 19111 },
      { index: 2, hostname: 'connect-2', containerName: 'kafkalab-x-connect-2', restPort: 19112 },
    ]);
    expect(c.user).toBe('connect');
    expect(c.heapMiB).toBe(512);
    const cluster = resolveCluster({ name: 'cx', connect: true, monitoring: true });
    expect(claimedPorts(cluster)).toEqual([19092, 19093, 19094, 19110, 19111]);
  });

  it("keeps the workers' ports below 65536", () => {
    expect(validateSpec({ name: 'cx', basePort: 65520, connect: { workers: 3 } })).toContain(
      "'basePort' (65520) is out of range: use a whole number from 1024 to 65514, so that the Connect workers' ports (from basePort + 19) fit below 65536",
    );
  });
});
