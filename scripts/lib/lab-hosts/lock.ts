/** One lab-hosts up or down at a time on this machine: a lock file in .kafkalab/lab-hosts. */
import { join } from 'node:path';
import { withFileLock } from '../core/index.ts';
import { labHostsStateDir } from './plan.ts';

/** Runs `fn` holding the lab hosts' lock (`lockFile`, default .kafkalab/lab-hosts/lab-hosts.lock), saying so when it waits for another holder. */
export async function withLabLock<T>(what: string, lockFile: string | undefined, fn: () => Promise<T>): Promise<T> {
  return withFileLock(lockFile ?? join(labHostsStateDir(), 'lab-hosts.lock'), what, fn, {
    onWait: (pid) => void process.stderr.write(`… ${what}: waiting for process ${pid} (another lab-hosts up or down) to finish\n`),
  });
}
