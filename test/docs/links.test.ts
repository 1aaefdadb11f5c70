import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchors, codeSpans, docFiles, githubSlug, links, root } from './markdown.ts';

const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const external = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Each relative link of README.md and docs/*.md: the file it names (relative to the root) and its anchor. */
function relativeLinks(): { from: string; line: number; target: string; file: string; anchor?: string }[] {
  return docFiles().flatMap((from) =>
    links(read(from))
      .filter(({ target }) => !external(target))
      .map(({ line, target }) => {
        const [path = '', anchor] = target.split('#', 2);
        const file = path === '' ? from : normalize(join(dirname(from), decodeURIComponent(path)));
        return { from, line, target, file, ...(anchor !== undefined ? { anchor } : {}) };
      }),
  );
}

describe('links in README.md and docs/', () => {
  it('the docs have links to check', () => {
    expect(relativeLinks().length).toBeGreaterThan(20);
  });

  it('every relative link names a file or folder that exists', () => {
    const broken = relativeLinks()
      .filter((l) => !existsSync(join(root, l.file)))
      .map((l) => `${l.from}:${l.line}: (${l.target}): ${l.file} does not exist`);
    expect(broken).toEqual([]);
  });

  it('every #anchor, in the page or in another .md file, names a heading of it', () => {
    const broken = relativeLinks()
      .filter((l) => l.anchor !== undefined && existsSync(join(root, l.file)))
      .filter((l) => !l.file.endsWith('.md') || !anchors(read(l.file)).has(l.anchor!))
      .map((l) => `${l.from}:${l.line}: (${l.target}): ${l.file} has no heading with the anchor '#${l.anchor}'`);
    expect(broken).toEqual([]);
  });

  it("every repository path the docs name in a code span exists (scripts/, stacks/, security/, test/, docs/)", () => {
    const broken = docFiles().flatMap((from) =>
      codeSpans(read(from))
        .filter(({ code }) => /^(scripts|stacks|security|test|docs)\/[\w./-]*$/.test(code))
        .filter(({ code }) => !existsSync(join(root, code)))
        .map(({ line, code }) => `${from}:${line}: \`${code}\` does not exist: fix the path`),
    );
    expect(broken).toEqual([]);
  });
});

describe('githubSlug: the anchors GitHub gives headings', () => {
  it.each([
    ['Start here', 'start-here'],
    ['Config changes: dynamic first, then a roll', 'config-changes-dynamic-first-then-a-roll'],
    ['Live security switch (plaintext ⇄ sasl_ssl)', 'live-security-switch-plaintext--sasl_ssl'],
    ['Topics, users and ACLs (access stacks)', 'topics-users-and-acls-access-stacks'],
    ['The `npm run info` view', 'the-npm-run-info-view'],
  ])('%s → #%s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  it('numbers a repeated heading', () => {
    expect([...anchors('# A\n## Notes\n```\n# not a heading\n```\n## Notes\n')]).toEqual(['a', 'notes', 'notes-1']);
  });
});
