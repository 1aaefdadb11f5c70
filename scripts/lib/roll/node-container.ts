import { $ } from 'zx';
import { containerState, engineOf } from '../core/index.ts';

/** How a node's container ended: what a controlled shutdown looks like (SIGTERM: 143, or 0) or a kill (137). */
export interface ContainerExit {
  readonly exitCode: number;
  readonly oomKilled: boolean;
}

/**
 * Stop a node's container the way Kafka expects: `docker stop -t` sends SIGTERM to the JVM (the
 * start scripts exec down to it, so it is PID 1), which runs a controlled shutdown (leadership
 * moves away, the broker deregisters); Docker kills it only after `graceSeconds`. Throws when the
 * container still runs.
 */
export async function stopNode(container: string, graceSeconds: number): Promise<void> {
  const out = await $({ quiet: true, nothrow: true, timeout: (graceSeconds + 30) * 1000 })`docker ${engineOf(container)} stop -t ${graceSeconds} ${container}`;
  const st = await containerState(container);
  if (st?.running) {
    throw new Error(`docker stop -t ${graceSeconds} ${container} left it running (${out.stderr.trim() || `exit ${out.exitCode}`})`);
  }
}

/** Start the same container again: same volume, same config; no Terraform involved. */
export async function startNode(container: string): Promise<void> {
  const out = await $({ quiet: true, nothrow: true, timeout: 60_000 })`docker ${engineOf(container)} start ${container}`;
  if (out.exitCode !== 0) throw new Error(`docker start ${container} failed: ${out.stderr.trim()}`);
}

/** How the container last exited (undefined when Docker cannot say). */
export async function lastExit(container: string): Promise<ContainerExit | undefined> {
  const out = await $({ quiet: true, nothrow: true })`docker ${engineOf(container)} inspect --format ${'{{.State.ExitCode}}|{{.State.OOMKilled}}'} ${container}`;
  if (out.exitCode !== 0) return undefined;
  const [code, oom] = out.stdout.trim().split('|');
  return { exitCode: Number(code), oomKilled: oom === 'true' };
}
