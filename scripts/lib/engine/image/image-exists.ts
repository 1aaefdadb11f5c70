/** Whether a local Docker image exists, telling "no such image" from an engine that does not answer. */
import { $ } from 'zx';
import { StepError } from '../../../../stacks/model/errors.ts';

/** Whether a local image exists; throws when the engine does not answer. */
export async function imageExists(ref: string): Promise<boolean> {
  const out = await $({ quiet: true, nothrow: true })`docker ${['image', 'inspect', '--format', '{{.Id}}', ref]}`;
  if (out.exitCode === 0) return true;
  if (/no such (image|object)/i.test(out.stderr)) return false;
  throw new StepError(
    'docker',
    `docker image inspect ${ref} failed: ${out.stderr.trim().split('\n').at(-1) ?? `exit ${out.exitCode}`}`,
    'is the Docker engine running? `docker info`; start it with `nohup dockerd > /tmp/dockerd.log 2>&1 &`',
  );
}

