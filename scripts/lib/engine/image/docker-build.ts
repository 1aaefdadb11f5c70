/**
 * What every image build here shares: a build context in a temporary folder, filled by the caller,
 * then `docker build` with the legacy builder (DOCKER_BUILDKIT=0, engine 20.10), with progress; the
 * folder removed afterwards whatever happened.
 */
import { copyFile, link, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withProgress } from '../../core/index.ts';
import { asStep, runStep } from '../run-step.ts';

/** `docker build --tag TAG --build-arg K=V ... --file CTX/Dockerfile CTX`, the build args in the given order. */
export function legacyBuildArgs(tag: string, buildArgs: readonly (readonly [string, string])[], ctx: string): string[] {
  return ['build', '--tag', tag, ...buildArgs.flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]), '--file', join(ctx, 'Dockerfile'), ctx];
}

/** Build `tag` from a context that `write(ctx)` lays out in a new temporary folder named `<prefix>…`. */
export async function buildInTempContext(tag: string, prefix: string, write: (ctx: string) => Promise<void>, args: (ctx: string) => string[], extraHint = ''): Promise<void> {
  const hint = `check the free space of ${tmpdir()}`;
  const ctx = await asStep('build context', hint, () => mkdtemp(join(tmpdir(), prefix)));
  try {
    await asStep('build context', hint, () => write(ctx));
    await withProgress(`docker build ${tag}`, (p) =>
      runStep('docker build', 'docker', args(ctx), {
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
        progress: p,
        hint: `is the Docker engine running (docker info)? The build uses the legacy builder (DOCKER_BUILDKIT=0)${extraHint}`,
      }),
    );
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
}

/** A hard link where the filesystem allows (jars are large), else a copy. */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}
