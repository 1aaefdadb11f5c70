import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BINDINGS,
  GENERATED_MARK,
  KAFKA_BINDINGS,
  bindingsConstraint,
  bindingsCurrent,
  bindingsDir,
  ensureBindings,
  markGenerated,
  missingConstraints,
} from '../../../../scripts/lib/engine/bindings.ts';
import { projectRoot } from '../../../../scripts/lib/core/paths.ts';

function fakeProject(providers: string[], versions?: Record<string, string>, index = true): string {
  const root = mkdtempSync(join(tmpdir(), 'kafkalab-bindings-'));
  writeFileSync(join(root, 'cdktf.json'), JSON.stringify({ codeMakerOutput: '.gen', terraformProviders: providers }));
  if (index) {
    mkdirSync(join(root, '.gen', 'providers', 'kafka'), { recursive: true });
    writeFileSync(join(root, '.gen', 'providers', 'kafka', 'index.ts'), '');
  }
  mkdirSync(join(root, '.gen'), { recursive: true });
  if (versions) writeFileSync(join(root, '.gen', 'versions.json'), JSON.stringify(versions));
  return root;
}

describe('provider bindings', () => {
  it('pins the mirrored version exactly in cdktf.json', () => {
    expect(bindingsConstraint(KAFKA_BINDINGS)).toBe('mongey/kafka@=0.13.1');
    expect(missingConstraints(projectRoot)).toEqual([]);
    expect(bindingsDir(projectRoot)).toBe(join(projectRoot, '.gen'));
  });

  it('counts bindings as current only for the recipe version with the index in place', () => {
    const ok = fakeProject(['mongey/kafka@=0.13.1'], { 'registry.terraform.io/mongey/kafka': '0.13.1' });
    expect(bindingsCurrent(KAFKA_BINDINGS, ok)).toBe(true);
    const old = fakeProject(['mongey/kafka@=0.13.1'], { 'registry.terraform.io/mongey/kafka': '0.12.0' });
    expect(bindingsCurrent(KAFKA_BINDINGS, old)).toBe(false);
    const half = fakeProject(['mongey/kafka@=0.13.1']);
    expect(bindingsCurrent(KAFKA_BINDINGS, half)).toBe(false);
    const noIndex = fakeProject(['mongey/kafka@=0.13.1'], { 'registry.terraform.io/mongey/kafka': '0.13.1' }, false);
    expect(bindingsCurrent(KAFKA_BINDINGS, noIndex)).toBe(false);
  });

  it('skips generation when current, and refuses a cdktf.json that lacks the constraint', async () => {
    const ok = fakeProject(['mongey/kafka@=0.13.1'], { 'registry.terraform.io/mongey/kafka': '0.13.1' });
    await expect(ensureBindings(BINDINGS, ok)).resolves.toMatchObject({ generated: false, dir: join(ok, '.gen') });
    const unlisted = fakeProject(['mongey/kafka@=0.12.0'], { 'registry.terraform.io/mongey/kafka': '0.13.1' });
    expect(missingConstraints(unlisted)).toEqual(['mongey/kafka@=0.13.1']);
    await expect(ensureBindings(BINDINGS, unlisted)).rejects.toThrow(
      "cdktf.json does not list 'mongey/kafka@=0.13.1' in terraformProviders",
    );
  });

  it('marks generated files for tsc once, and leaves marked files alone', () => {
    const root = fakeProject(['mongey/kafka@=0.13.1'], { 'registry.terraform.io/mongey/kafka': '0.13.1' });
    mkdirSync(join(root, '.gen', 'providers', 'kafka', 'topic'));
    writeFileSync(join(root, '.gen', 'providers', 'kafka', 'topic', 'index.ts'), 'export class Topic {}\n');
    writeFileSync(join(root, '.gen', 'providers', 'kafka', 'topic', 'README.md'), '# topic\n');
    expect(markGenerated(KAFKA_BINDINGS, root)).toBe(2);
    expect(readFileSync(join(root, '.gen', 'providers', 'kafka', 'topic', 'index.ts'), 'utf8')).toBe(`${GENERATED_MARK}\nexport class Topic {}\n`);
    expect(readFileSync(join(root, '.gen', 'providers', 'kafka', 'topic', 'README.md'), 'utf8')).toBe('# topic\n');
    expect(markGenerated(KAFKA_BINDINGS, root)).toBe(0);
  });
});
