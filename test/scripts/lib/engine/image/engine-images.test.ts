import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../../../../scripts/lib/core/index.ts';
import { engineLabel, ensureImageOnEngine, ensureImagesOnEngines, type DockerCli, type DockerResult } from '../../../../../scripts/lib/engine/index.ts';
import { StepError } from '../../../../../stacks/model/errors.ts';

const REF = 'kafkalab/kafka:4.4.0-abc';
const LAB1 = ['-H', 'unix:///run/kafkalab-lab-1.sock'];
const LAB2 = ['-H', 'unix:///run/kafkalab-lab-2.sock'];
const TLS = ['--tlsverify', '--tlscacert', '/ca.pem', '--tlscert', '/c.pem', '--tlskey', '/k.pem', '-H', 'tcp://10.0.0.5:2376'];

/** Engines by their -H value ('' the local one), each a map of image ref to id; a load copies the local id. */
function fakeDocker(engines: Record<string, Record<string, string> | 'down'>) {
  const calls: string[] = [];
  const engineOf = (args: readonly string[]): string => (args.includes('-H') ? args[args.indexOf('-H') + 1]! : '');
  const rest = (args: readonly string[]): readonly string[] => (args.includes('-H') ? args.slice(args.indexOf('-H') + 2) : args);
  const res = (exitCode: number, stdout = '', stderr = ''): DockerResult => ({ exitCode, stdout, stderr });
  const load = (args: readonly string[]): void => {
    const e = engines[engineOf(args)] as Record<string, string>;
    e[REF] = (engines[''] as Record<string, string>)[REF]!;
  };
  const docker: DockerCli = {
    async run(args) {
      calls.push(args.join(' '));
      const e = engines[engineOf(args)];
      if (e === 'down' || e === undefined) return res(1, '', `Cannot connect to the Docker daemon at ${engineOf(args)}. Is the docker daemon running?`);
      const [cmd, ...more] = rest(args);
      if (cmd === 'image' && more.includes('{{.Size}}')) return res(0, '356000000\n');
      if (cmd === 'image') return e[args.at(-1)!] ? res(0, `${e[args.at(-1)!]}\n`) : res(1, '', `Error: No such image: ${args.at(-1)}`);
      if (cmd === 'save') return writeFileSync(more[1]!, 'tar'), res(0);
      if (cmd === 'load') return load(args), res(0, `Loaded image: ${REF}`);
      return res(1, '', 'fake: unknown');
    },
    async pipe(saveArgs, loadArgs, onBytes) {
      calls.push(`${saveArgs.join(' ')} | ${loadArgs.join(' ')}`);
      onBytes(356_000_000);
      load(loadArgs);
      return 356_000_000;
    },
  };
  return { docker, calls };
}

const silent: Progress = { update: () => undefined, done: () => undefined, fail: () => undefined };

let state: string;
const savedEnv = process.env.KAFKALAB_STATE_DIR;
beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'engine-images-'));
  process.env.KAFKALAB_STATE_DIR = state;
});
afterEach(() => {
  if (savedEnv === undefined) delete process.env.KAFKALAB_STATE_DIR;
  else process.env.KAFKALAB_STATE_DIR = savedEnv;
});

describe('engineLabel', () => {
  it('names an engine by its host, never its TLS files', () => {
    expect(engineLabel(LAB1)).toBe('unix:///run/kafkalab-lab-1.sock');
    expect(engineLabel(TLS)).toBe('tcp://10.0.0.5:2376');
    expect(engineLabel(['--host=tcp://h:2376'])).toBe('tcp://h:2376');
    expect(engineLabel([])).toBe('the default engine');
  });
});

describe('ensureImageOnEngine', () => {
  it('streams docker save into docker load when the engine lacks the image, then checks the id', async () => {
    const f = fakeDocker({ '': { [REF]: 'sha256:1' }, 'unix:///run/kafkalab-lab-1.sock': {} });
    const r = await ensureImageOnEngine(REF, LAB1, silent, f.docker);
    expect(r).toMatchObject({ ref: REF, engine: 'unix:///run/kafkalab-lab-1.sock', id: 'sha256:1', loaded: true, bytes: 356_000_000 });
    expect(f.calls).toEqual([
      `image inspect --format {{.Id}} ${REF}`,
      `-H unix:///run/kafkalab-lab-1.sock image inspect --format {{.Id}} ${REF}`,
      `save ${REF} | -H unix:///run/kafkalab-lab-1.sock load`,
      `-H unix:///run/kafkalab-lab-1.sock image inspect --format {{.Id}} ${REF}`,
    ]);
  });

  it('does nothing when the engine has the same id; reloads a different one', async () => {
    const same = fakeDocker({ '': { [REF]: 'sha256:1' }, 'tcp://10.0.0.5:2376': { [REF]: 'sha256:1' } });
    expect((await ensureImageOnEngine(REF, TLS, silent, same.docker)).loaded).toBe(false);
    expect(same.calls.some((c) => c.includes('load'))).toBe(false);
    const stale = fakeDocker({ '': { [REF]: 'sha256:2' }, 'unix:///run/kafkalab-lab-1.sock': { [REF]: 'sha256:1' } });
    expect((await ensureImageOnEngine(REF, LAB1, silent, stale.docker)).loaded).toBe(true);
  });

  it('throws a StepError naming the engine and the fix when it does not answer', async () => {
    const f = fakeDocker({ '': { [REF]: 'sha256:1' }, 'unix:///run/kafkalab-lab-1.sock': 'down' });
    const error = await ensureImageOnEngine(REF, LAB1, silent, f.docker).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as Error).message).toBe(
      `image ${REF} on unix:///run/kafkalab-lab-1.sock failed: the engine does not answer: Cannot connect to the Docker daemon at unix:///run/kafkalab-lab-1.sock. Is the docker daemon running?\n` +
        '  try: check it with `docker -H unix:///run/kafkalab-lab-1.sock info` (a lab host\'s engine: npm run lab-hosts -- status, then up)',
    );
  });

  it('never pulls: an image missing locally is a StepError pointing at npm run setup', async () => {
    const f = fakeDocker({ '': {}, 'unix:///run/kafkalab-lab-1.sock': {} });
    await expect(ensureImageOnEngine(REF, LAB1, silent, f.docker)).rejects.toThrow(`image ${REF} failed: it is not in the local Docker engine (images are copied from it, never pulled)\n  try: npm run setup builds the Kafka images`);
    expect(f.calls.some((c) => /pull|load/.test(c))).toBe(false);
  });
});

describe('ensureImagesOnEngines', () => {
  it('saves an image once to a file in the state folder for several engines, loads it into each, and removes the file', async () => {
    const f = fakeDocker({ '': { [REF]: 'sha256:1' }, 'unix:///run/kafkalab-lab-1.sock': {}, 'unix:///run/kafkalab-lab-2.sock': {}, 'unix:///run/kafkalab-lab-3.sock': { [REF]: 'sha256:1' } });
    const r = await ensureImagesOnEngines([REF], [LAB1, LAB2, ['-H', 'unix:///run/kafkalab-lab-3.sock']], silent, f.docker);
    expect(r.map((x) => [x.engine, x.loaded])).toEqual([
      ['unix:///run/kafkalab-lab-3.sock', false],
      ['unix:///run/kafkalab-lab-1.sock', true],
      ['unix:///run/kafkalab-lab-2.sock', true],
    ]);
    const saves = f.calls.filter((c) => c.startsWith('save'));
    expect(saves).toHaveLength(1);
    const file = saves[0]!.split(' ')[2]!;
    expect(file.startsWith(join(state, 'engine-images'))).toBe(true);
    expect(f.calls).toContain(`-H unix:///run/kafkalab-lab-2.sock load -i ${file}`);
    expect(existsSync(file)).toBe(false);
  });

  it('pipes when only one engine needs it, and does nothing when none does', async () => {
    const f = fakeDocker({ '': { [REF]: 'sha256:1' }, 'unix:///run/kafkalab-lab-1.sock': {}, 'unix:///run/kafkalab-lab-2.sock': { [REF]: 'sha256:1' } });
    await ensureImagesOnEngines([REF], [LAB1, LAB2], silent, f.docker);
    expect(f.calls.filter((c) => c.includes('load'))).toEqual([`save ${REF} | -H unix:///run/kafkalab-lab-1.sock load`]);
    const again = f.calls.length;
    expect((await ensureImagesOnEngines([REF], [LAB1, LAB2], silent, f.docker)).every((x) => !x.loaded)).toBe(true);
    expect(f.calls.slice(again).some((c) => c.includes('load'))).toBe(false);
  });

  it('fails naming the engine that does not answer, before saving anything', async () => {
    const f = fakeDocker({ '': { [REF]: 'sha256:1' }, 'unix:///run/kafkalab-lab-1.sock': {}, 'unix:///run/kafkalab-lab-2.sock': 'down' });
    await expect(ensureImagesOnEngines([REF], [LAB1, LAB2], silent, f.docker)).rejects.toThrow(/on unix:\/\/\/run\/kafkalab-lab-2\.sock failed: the engine does not answer/);
    expect(f.calls.some((c) => c.startsWith('save'))).toBe(false);
  });
});
