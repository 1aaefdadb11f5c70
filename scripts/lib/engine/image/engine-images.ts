/**
 * Copying local images into other Docker engines (a lab host's, a remote one over TLS), by
 * `docker save` and `docker load`: never a pull, so no registry is needed.
 *
 * ensureImageOnEngine, in steps:
 *   1. The image's id on the default engine (`docker image inspect --format {{.Id}}`); missing
 *      there is a StepError whose fix is npm run setup (it builds the images).
 *   2. Its id on the target engine (the same, with the engine's global args); an engine that does
 *      not answer is a StepError naming it and what to check.
 *   3. The same id: nothing to do. Missing or different: `docker save REF | docker ARGS load`,
 *      a pipe (no temporary file), counting the bytes for the progress line.
 *   4. Ask the target again: its id must now be the local one.
 *
 * ensureImagesOnEngines does steps 1 and 2 for every image and engine; an image that several
 * engines need is saved once to a temporary file in the state folder, loaded into them side by
 * side, and the file removed however that ends.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { type EngineArgs, stateDir, startProgress, type Progress } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';


export interface DockerResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How this module runs docker; tests pass a fake. */
export interface DockerCli {
  /** `docker ARGS`, output captured; never throws for the exit code. */
  run(args: readonly string[]): Promise<DockerResult>;
  /** `docker SAVEARGS | docker LOADARGS`, `onBytes` told the running total; the bytes piped. Throws with both sides' last words on failure. */
  pipe(saveArgs: readonly string[], loadArgs: readonly string[], onBytes: (bytes: number) => void): Promise<number>;
}

export interface EngineImageResult {
  readonly ref: string;
  /** The engine as shown: its -H value, or 'the default engine'. */
  readonly engine: string;
  readonly id: string;
  /** False when the engine already had it. */
  readonly loaded: boolean;
  readonly bytes: number;
  readonly ms: number;
}

/** How an engine is named in messages: its host (-H/--host), never its TLS files. */
export function engineLabel(engine: EngineArgs): string {
  for (let i = 0; i < engine.length; i++) {
    const a = engine[i]!;
    if ((a === '-H' || a === '--host') && engine[i + 1]) return engine[i + 1]!;
    const m = /^(?:-H|--host)=(.+)$/.exec(a);
    if (m) return m[1]!;
  }
  return 'the default engine';
}

const fixFor = (engine: EngineArgs): string =>
  engine.length === 0 ? 'is the Docker engine running? `docker info`; npm run setup starts it' : `check it with \`docker ${engine.join(' ')} info\` (a lab host's engine: npm run lab-hosts -- status, then up)`;

/** The image's id on an engine, undefined when it has no such image; a StepError when the engine does not answer. */
export async function imageIdOn(ref: string, engine: EngineArgs, docker: DockerCli = zxDocker): Promise<string | undefined> {
  const out = await docker.run([...engine, 'image', 'inspect', '--format', '{{.Id}}', ref]);
  if (out.exitCode === 0) return out.stdout.trim();
  if (/no such (image|object)/i.test(out.stderr)) return undefined;
  throw new StepError(`image ${ref} on ${engineLabel(engine)}`, `the engine does not answer: ${out.stderr.trim().split('\n').at(-1) || `exit ${out.exitCode}`}`, fixFor(engine));
}

async function localId(ref: string, docker: DockerCli): Promise<string> {
  const id = await imageIdOn(ref, [], docker);
  if (!id) throw new StepError(`image ${ref}`, 'it is not in the local Docker engine (images are copied from it, never pulled)', 'npm run setup builds the Kafka images');
  return id;
}

const mb = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(0)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`);
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** Step 4: the engine's id must now be the local one. */
async function recheck(ref: string, engine: EngineArgs, id: string, docker: DockerCli): Promise<void> {
  const now = await imageIdOn(ref, engine, docker);
  if (now !== id) throw new StepError(`loading ${ref} into ${engineLabel(engine)}`, `after docker load its id is ${now ?? 'missing'}, not the local ${id}`, fixFor(engine));
}

/** Makes sure `engine` holds the local image `imageRef` (same id), streaming it there when not. */
export async function ensureImageOnEngine(imageRef: string, engine: EngineArgs, progress?: Progress, docker: DockerCli = zxDocker): Promise<EngineImageResult> {
  const id = await localId(imageRef, docker);
  const label = engineLabel(engine);
  if ((await imageIdOn(imageRef, engine, docker)) === id) return { ref: imageRef, engine: label, id, loaded: false, bytes: 0, ms: 0 };
  const own = progress ? undefined : startProgress(`loading ${imageRef} into ${label}`);
  const p = progress ?? own!;
  const started = Date.now();
  try {
    const bytes = await docker.pipe(['save', imageRef], [...engine, 'load'], (n) => p.update(`${imageRef} -> ${label}: ${mb(n)}`));
    await recheck(imageRef, engine, id, docker);
    const ms = Date.now() - started;
    own?.done(`${mb(bytes)} in ${secs(ms)}`);
    progress?.update(`${imageRef} -> ${label}: ${mb(bytes)} in ${secs(ms)}`);
    return { ref: imageRef, engine: label, id, loaded: true, bytes, ms };
  } catch (error) {
    own?.fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    if (error instanceof StepError) throw error;
    throw new StepError(`loading ${imageRef} into ${label}`, error instanceof Error ? error.message : String(error), fixFor(engine));
  }
}

/** Makes sure every engine holds every image: each image saved once (to a temporary file when several engines need it). */
export async function ensureImagesOnEngines(
  refs: readonly string[],
  engines: readonly EngineArgs[],
  progress?: Progress,
  docker: DockerCli = zxDocker,
): Promise<EngineImageResult[]> {
  const results: EngineImageResult[] = [];
  for (const ref of refs) {
    const id = await localId(ref, docker);
    const ids = await Promise.all(engines.map((e) => imageIdOn(ref, e, docker)));
    const need = engines.filter((_, i) => ids[i] !== id);
    for (const e of engines.filter((_, i) => ids[i] === id)) results.push({ ref, engine: engineLabel(e), id, loaded: false, bytes: 0, ms: 0 });
    if (need.length === 1) results.push(await ensureImageOnEngine(ref, need[0]!, progress, docker));
    if (need.length > 1) results.push(...(await loadFromOneSave(ref, id, need, progress, docker)));
  }
  return results;
}

/** `docker save -o` once into the state folder, then `docker load -i` into each engine side by side; the file removed after. */
async function loadFromOneSave(ref: string, id: string, engines: readonly EngineArgs[], progress: Progress | undefined, docker: DockerCli): Promise<EngineImageResult[]> {
  const dir = join(stateDir(), 'engine-images');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${ref.replace(/[^A-Za-z0-9.-]+/g, '_')}-${process.pid}.tar`);
  const own = progress ? undefined : startProgress(`loading ${ref} into ${engines.length} engines`);
  const p = progress ?? own!;
  try {
    const t0 = Date.now();
    p.update(`saving ${ref} once`);
    const saved = await docker.run(['save', '-o', file, ref]);
    if (saved.exitCode !== 0) throw new StepError(`saving ${ref}`, saved.stderr.trim().split('\n').at(-1) || `exit ${saved.exitCode}`, 'df -h (the state folder needs room for the image); docker info');
    const size = await docker.run(['image', 'inspect', '--format', '{{.Size}}', ref]);
    const bytes = Number(size.stdout.trim()) || 0;
    const saveMs = Date.now() - t0;
    p.update(`saved ${mb(bytes)} in ${secs(saveMs)}; loading into ${engines.map(engineLabel).join(', ')}`);
    const results = await Promise.all(
      engines.map(async (engine): Promise<EngineImageResult> => {
        const t = Date.now();
        const out = await docker.run([...engine, 'load', '-i', file]);
        if (out.exitCode !== 0) throw new StepError(`loading ${ref} into ${engineLabel(engine)}`, out.stderr.trim().split('\n').at(-1) || `exit ${out.exitCode}`, fixFor(engine));
        await recheck(ref, engine, id, docker);
        return { ref, engine: engineLabel(engine), id, loaded: true, bytes, ms: Date.now() - t };
      }),
    );
    const summary = `${mb(bytes)} saved once in ${secs(saveMs)}, loaded in ${results.map((r) => secs(r.ms)).join(', ')}`;
    own?.done(summary);
    progress?.update(`${ref}: ${summary}`);
    return results;
  } catch (error) {
    own?.fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    throw error;
  } finally {
    rmSync(file, { force: true });
  }
}

/** The real docker CLI: zx for single commands, two spawned processes joined by a pipe for save | load. */
export const zxDocker: DockerCli = {
  async run(args) {
    const out = await $({ quiet: true, nothrow: true })`docker ${args}`;
    return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr };
  },
  pipe(saveArgs, loadArgs, onBytes) {
    return new Promise((resolve, reject) => {
      const save = spawn('docker', [...saveArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
      const load = spawn('docker', [...loadArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
      let bytes = 0;
      const said = { save: '', load: '' };
      save.stderr.on('data', (c: Buffer) => (said.save += String(c)));
      load.stderr.on('data', (c: Buffer) => (said.load += String(c)));
      save.stdout.on('data', (c: Buffer) => onBytes((bytes += c.length)));
      load.stdin.on('error', () => undefined); // load gone early: its exit says why
      save.stdout.pipe(load.stdin);
      const exit = (p: ReturnType<typeof spawn>): Promise<number | null> => new Promise((r) => p.once('close', (code) => r(code)).once('error', () => r(-1)));
      void Promise.all([exit(save), exit(load)]).then(([s, l]) => {
        if (s === 0 && l === 0) return resolve(bytes);
        const last = (t: string): string => t.trim().split('\n').at(-1) ?? '';
        reject(new Error(`docker ${saveArgs.join(' ')} (exit ${s}${last(said.save) ? `: ${last(said.save)}` : ''}) | docker ${loadArgs.join(' ')} (exit ${l}${last(said.load) ? `: ${last(said.load)}` : ''})`));
      });
    });
  },
};
