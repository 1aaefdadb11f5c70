import { describe, expect, it } from 'vitest';
import { generatedBody, markdownCell, renderCommandTable, replaceGenerated } from '../../../../scripts/lib/core/index.ts';

describe('replaceGenerated', () => {
  const doc = 'intro\n<!-- generated:t -->\nold\nrows\n<!-- /generated:t -->\nafter\n';

  it('replaces only the lines between the markers', () => {
    expect(replaceGenerated(doc, 't', '| a |\n')).toBe('intro\n<!-- generated:t -->\n| a |\n<!-- /generated:t -->\nafter\n');
    expect(generatedBody(replaceGenerated(doc, 't', 'x'), 't')).toBe('x');
  });

  it('is idempotent', () => {
    const once = replaceGenerated(doc, 't', 'x');
    expect(replaceGenerated(once, 't', 'x')).toBe(once);
  });

  it('names the file and the markers when they are missing or repeated', () => {
    expect(() => replaceGenerated('no markers', 't', 'x', 'README.md')).toThrow("README.md needs exactly one '<!-- generated:t -->' line followed by one '<!-- /generated:t -->' line");
    expect(() => replaceGenerated(`${doc}${doc}`, 't', 'x')).toThrow(/exactly one/);
    expect(() => replaceGenerated('<!-- /generated:t -->\n<!-- generated:t -->', 't', 'x')).toThrow(/exactly one/);
  });
});

describe('markdownCell', () => {
  it('keeps a cell on one line, escapes pipes, and writes < > outside code spans as entities', () => {
    expect(markdownCell('a\n  b')).toBe('a b');
    expect(markdownCell('plaintext|sasl_ssl')).toBe('plaintext\\|sasl_ssl');
    expect(markdownCell('the <cluster>-access stack, `cdktf.out/<cluster>`')).toBe('the &lt;cluster&gt;-access stack, `cdktf.out/<cluster>`');
  });
});

describe('renderCommandTable', () => {
  const commands = {
    up: { name: 'up', summary: 'Deploy and verify.' },
    down: { name: 'down', summary: 'Destroy one cluster.\n  --force   details only --help shows' },
  };

  it('one row per entry point, naming every npm script that runs only it, the command name first', () => {
    const scripts = { destroy: 'tsx scripts/down.ts', up: 'tsx scripts/up.ts', down: 'tsx scripts/down.ts', test: 'tsx scripts/up.ts && vitest run' };
    expect(renderCommandTable(scripts, commands)).toBe(
      ['| command | what it does |', '|---|---|', '| `npm run up` | Deploy and verify. |', '| `npm run down`, `npm run destroy` | Destroy one cluster. |'].join('\n'),
    );
  });

  it('refuses a command with no npm script', () => {
    expect(() => renderCommandTable({ up: 'tsx scripts/up.ts' }, commands)).toThrow(`command 'down' (scripts/down.ts) has no npm script in package.json`);
  });
});
