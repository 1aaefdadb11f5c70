import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, projectRoot } from '../../../../scripts/lib/core/index.ts';
import { SUBCOMMANDS, TRACKS, TRACK_TITLES } from '../../../../scripts/lib/practice/index.ts';

const source = (entry: string): string => readFileSync(join(projectRoot, 'scripts', `${entry}.ts`), 'utf8');
const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const entries = readdirSync(join(projectRoot, 'scripts')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
const definitions = COMMANDS as Readonly<Record<string, { name: string; summary: string; flags?: Record<string, { description: string }> }>>;

describe('COMMANDS: the command definitions as data', () => {
  it('has every entry point that calls runMain, and each such entry point passes its own definition', () => {
    const withRunMain = entries.filter((e) => /\brunMain\(/.test(source(e))).sort();
    expect(Object.keys(COMMANDS).sort()).toEqual(withRunMain);
    for (const entry of withRunMain) {
      const ref = /^[a-z]+$/.test(entry) ? `COMMANDS.${entry}` : `COMMANDS['${entry}']`;
      expect(source(entry), `scripts/${entry}.ts should pass ${ref} to runMain`).toContain(ref);
    }
  });

  it("names each command as an npm script that runs its entry point (the name its help prints)", () => {
    for (const [entry, cmd] of Object.entries(definitions)) expect(scripts[cmd.name], `npm run ${cmd.name}`).toBe(`tsx scripts/${entry}.ts`);
  });

  it("the drill command's summary lists the drill kit's subcommands, one line each", () => {
    const lines = COMMANDS.drill.summary.split('\n');
    expect(lines).toContain(`subcommands: ${SUBCOMMANDS.join(', ')}`);
    expect(lines.filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ')[0])).toEqual([...SUBCOMMANDS]);
  });

  it("the exam command's summary and --track name the exam's tracks", () => {
    expect(COMMANDS.exam.summary).toContain(`Tracks: ${TRACKS.map((t) => `${t} (${TRACK_TITLES[t]})`).join(', ')}.`);
    expect(COMMANDS.exam.flags.track.description).toBe(`the track: ${TRACKS.join(' or ')} (required)`);
  });
});
