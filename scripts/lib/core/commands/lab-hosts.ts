import { defineCommand } from './define.ts';

/** `npm run lab-hosts` (scripts/lab-hosts.ts). The subcommands are LAB_HOSTS_SUBCOMMANDS in scripts/lib/lab-hosts. */
export const LAB_HOSTS = defineCommand({
  name: 'lab-hosts',
  summary: [
    'Lab hosts: up to 9 simulated machines on this one, each a network namespace (lab-K, 10.250.K.2) with its own Docker engine (unix:///run/kafkalab-lab-K.sock), routed to one another and to this machine through a router namespace. Needs root.',
    'subcommands: up, down, status, cut, restore',
    '  up         make lab-1 … lab-N (--count, default: the hosts up now, else 3; up only adds hosts), start their engines, load the Kafka image into each, print their spec fragment',
    '  down       stop every engine, remove its containers, namespaces, links, routes, folders and cgroups, then prove nothing is left (exit 1 naming what is)',
    '  status     each host: namespace, link, address, engine, images, containers',
    '  cut        cut one host (lab-K) off the network: the router side of its link down; its engine and containers run on, unreachable, as on a pulled cable',
    '  restore    bring a cut host back (its link up); safe to repeat',
  ].join('\n'),
  flags: {
    count: { type: 'string', description: 'up: how many hosts, 1 to 9 (default: the hosts up now, else 3)' },
    image: { type: 'string', multiple: true, description: "up: a local image to load into every engine instead of the default Kafka version's (repeat for several)" },
    json: { type: 'boolean', description: 'print the result as JSON: up and status { up, count, router, hosts: [...], spec: { hosts } }; down { wasUp, hosts, leftovers, ... }; cut and restore { host, action, wasUp, up, changed, ms }' },
  },
});
