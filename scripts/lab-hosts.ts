#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { labHostsDown, labHostsStatus, labHostsUp, parseLabHostsArgs, renderLabHostsStatus, setLabHostLink, splitLabHostsArgv } from './lib/lab-hosts/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

const { words, rest } = splitLabHostsArgv(COMMANDS['lab-hosts'].flags, process.argv.slice(2));
const json = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

await runMain(
  COMMANDS['lab-hosts'],
  async (flags) => {
    const args = parseLabHostsArgs(words, flags);
    if (args.sub === 'status') {
      const status = await labHostsStatus();
      if (args.json) json(status);
      else process.stdout.write(renderLabHostsStatus(status));
      return;
    }
    if (args.sub === 'cut' || args.sub === 'restore') {
      const r = await setLabHostLink(args.host!, args.sub);
      if (args.json) json(r);
      else if (args.sub === 'cut') {
        console.log(
          r.changed
            ? `✔ ${r.host} is cut off: the router side of its link is down, so nothing reaches or leaves it (its engine and containers run on, unreachable). Bring it back: npm run lab-hosts -- restore ${r.host}`
            : `${r.host} was cut off already: nothing to do (npm run lab-hosts -- restore ${r.host} brings it back)`,
        );
      } else {
        console.log(r.changed ? `✔ ${r.host} is back: its link passes traffic again` : `${r.host}'s link was up already: nothing to do`);
      }
      return;
    }
    if (args.sub === 'down') {
      const r = await labHostsDown();
      if (args.json) json(r);
      else if (!r.wasUp) console.log('lab hosts: none on this machine, nothing to remove');
      else if (r.leftovers.length === 0) {
        console.log(`✔ lab hosts ${r.hosts.join(', ') || '(remnants)'} are gone in ${(r.ms / 1000).toFixed(1)}s (${r.containers} container(s) removed): no namespace, link, route, engine process, socket, folder, mount or cgroup of them remains`);
      } else {
        console.error(`✖ lab hosts: down left behind:\n${r.leftovers.map((l) => `  ${l}`).join('\n')}${r.problems.length > 0 ? `\nbecause:\n${r.problems.map((p) => `  ${p}`).join('\n')}` : ''}`);
        console.error('  run npm run lab-hosts -- down again; if it stays, remove those by hand');
      }
      return r.leftovers.length === 0 ? EXIT.ok : EXIT.failed;
    }
    const r = await labHostsUp({ ...(args.count !== undefined ? { count: args.count } : {}), ...(args.images ? { images: args.images } : {}) });
    if (args.json) {
      const { spec: _spec, count: _count, ...run } = r;
      json({ ...(await labHostsStatus()), run });
      return;
    }
    const what = r.started.length === 0 && r.networkMade === 0 && r.images.every((i) => !i.loaded) ? 'already up' : 'ready';
    console.log(`✔ lab hosts ${what}: ${r.count} host(s) in ${(r.totalMs / 1000).toFixed(1)}s. Their spec fragment:`);
    json(r.spec);
  },
  rest,
);
