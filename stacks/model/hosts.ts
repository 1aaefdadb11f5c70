/**
 * Hosts: the Docker engines a cluster's Kafka nodes run on, and which node runs where.
 *
 * A cluster with no `hosts` runs every container on the default engine, on its own Docker
 * network, publishing host ports on 127.0.0.1 (nothing here applies). A cluster with `hosts`
 * places each Kafka node on one of them:
 * 1. the placement: `placement[<node id>]` when given, else round-robin over the hosts in the
 *    order they are declared, nodes in cluster order (controllers first, then brokers);
 * 2. a placed node runs with host networking on its host's engine and binds every listener on the
 *    host's `address`, on ports of its own (no two nodes of a cluster share one), so nodes on one
 *    host never clash and nodes on different hosts reach each other through the hosts' addresses;
 * 3. a broker's rack defaults to its host's name (`racks` wins).
 */
import { isIP } from 'node:net';
import { LIMITS } from './limits.ts';
import { fieldProblem, isObject, orList, show, unknownFields } from './problems.ts';
import type { ListenerSet } from './listener-sets.ts';

/** TLS material of a `tcp://` engine (Docker's `--tlsverify`): files on this machine. */
export interface HostTlsSpec {
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** One Docker engine a cluster's nodes may run on. */
export interface HostSpec {
  /** How to reach its engine: `unix:///…`, `ssh://user@host` or `tcp://host:2376`. */
  readonly docker: string;
  /** The address clients and the other nodes reach this host's nodes on (IPv4 or a DNS name). */
  readonly address: string;
  /** `tcp://` engines only: the client certificate Docker's TLS asks for. @default - no TLS */
  readonly tls?: HostTlsSpec;
}

export interface ResolvedHost {
  readonly name: string;
  readonly docker: string;
  readonly address: string;
  readonly tls?: HostTlsSpec;
}

/** Where a placed node runs and the ports it binds on its host's address. */
export interface NodePlacement {
  readonly host: ResolvedHost;
  /** Port of its INTERNAL listener of each set (brokers). */
  readonly internalPorts: Readonly<Record<ListenerSet, number>>;
  /** Port of its CONTROLLER listener of each set (controllers). */
  readonly controllerPorts: Readonly<Record<ListenerSet, number>>;
}

export const HOST_FIELDS = ['docker', 'address', 'tls'] as const;
export const HOST_TLS_FIELDS = ['caPath', 'certPath', 'keyPath'] as const;
const HOST_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const DNS_NAME_PATTERN = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ENGINE_SCHEMES = ['unix://', 'ssh://', 'tcp://'] as const;

/**
 * Placed nodes' listener ports, after every port a cluster publishes on 127.0.0.1
 * (basePort..basePort+22): slot s (the node's index in the cluster) binds
 * INTERNAL on basePort+32+s (INTERNAL2 +48+s) and CONTROLLER on basePort+64+s (CONTROLLER2 +80+s).
 */
export const PLACED_PORTS = { internal: { a: 32, b: 48 }, controller: { a: 64, b: 80 }, slots: 16 } as const;
/** The highest port offset a placed cluster uses. */
export const PLACED_PORT_SPAN = PLACED_PORTS.controller.b + PLACED_PORTS.slots - 1;

export function placedPorts(basePort: number, slot: number): Pick<NodePlacement, 'internalPorts' | 'controllerPorts'> {
  const at = (offsets: { a: number; b: number }): Record<ListenerSet, number> => ({ a: basePort + offsets.a + slot, b: basePort + offsets.b + slot });
  return { internalPorts: at(PLACED_PORTS.internal), controllerPorts: at(PLACED_PORTS.controller) };
}

export function resolveHosts(hosts: Readonly<Record<string, HostSpec>> | undefined): ResolvedHost[] {
  return Object.entries(hosts ?? {}).map(([name, h]) => ({ name, docker: h.docker, address: h.address, ...(h.tls ? { tls: h.tls } : {}) }));
}

/** The host of each node, by node id: the explicit placement, else round-robin in node order. */
export function placeNodes(nodeIds: readonly number[], hosts: readonly ResolvedHost[], placement: Readonly<Record<string, string>> = {}): Map<number, ResolvedHost> {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  return new Map(nodeIds.map((id, i) => [id, byName.get(placement[String(id)] ?? '') ?? hosts[i % hosts.length]!]));
}

function addressProblem(field: string, address: unknown): string | undefined {
  if (typeof address !== 'string' || address.length === 0) return fieldProblem(field, address, "is missing: give the address clients and the other hosts reach this host on, e.g. '10.0.0.12' or 'kafka-a.example.net'");
  if (isIP(address) === 6) return fieldProblem(field, address, "is an IPv6 address: give this host's IPv4 address or a DNS name that resolves to it");
  if (isIP(address) === 4 || (DNS_NAME_PATTERN.test(address) && !/^[0-9.]+$/.test(address))) return undefined;
  return fieldProblem(field, address, "is not an address: give an IPv4 address such as '10.0.0.12' or a DNS name such as 'kafka-a.example.net'");
}

function tlsProblems(at: string, tls: unknown, docker: unknown): string[] {
  if (tls === undefined) return [];
  if (!isObject(tls)) return [fieldProblem(`${at}.tls`, tls, 'must be an object { "caPath", "certPath", "keyPath" }: the files of Docker\'s --tlsverify')];
  const problems = unknownFields(tls, HOST_TLS_FIELDS, `${at}.tls.`, `remove it (known fields: ${HOST_TLS_FIELDS.join(', ')})`);
  for (const f of HOST_TLS_FIELDS) {
    if (typeof tls[f] !== 'string' || (tls[f] as string).length === 0) problems.push(fieldProblem(`${at}.tls.${f}`, tls[f], `is missing: give the path of the engine's ${f === 'caPath' ? 'CA certificate (ca.pem)' : f === 'certPath' ? 'client certificate (cert.pem)' : 'client key (key.pem)'}`));
  }
  if (typeof docker === 'string' && !docker.startsWith('tcp://')) problems.push(fieldProblem(`${at}.tls`, tls, `is only for a tcp:// engine, and '${at}.docker' is ${show(docker)}: remove 'tls' or use tcp://host:2376`));
  return problems;
}

function hostProblems(name: string, host: unknown): string[] {
  const at = `hosts.${name}`;
  if (!HOST_NAME_PATTERN.test(name)) return [fieldProblem('hosts', name, 'names a host with a name this tool cannot use: lower-case letters, digits and \'-\', starting with a letter, at most 32 characters')];
  if (!isObject(host)) return [fieldProblem(at, host, 'must be an object such as { "docker": "ssh://kafka@10.0.0.12", "address": "10.0.0.12" }')];
  const problems = unknownFields(host, HOST_FIELDS, `${at}.`, `remove it (known fields: ${HOST_FIELDS.join(', ')})`);
  const docker = host.docker;
  if (typeof docker !== 'string' || !ENGINE_SCHEMES.some((s) => docker.startsWith(s) && docker.length > s.length)) {
    problems.push(fieldProblem(`${at}.docker`, docker, `is not a Docker engine address: use ${orList(["'unix:///var/run/docker.sock'", "'ssh://user@host'", "'tcp://host:2376'"])}`));
  }
  const address = addressProblem(`${at}.address`, host.address);
  if (address) problems.push(address);
  return [...problems, ...tlsProblems(at, host.tls, docker)];
}

/** What the host checks need from the rest of the spec. */
export interface HostsContext {
  readonly hosts: unknown;
  readonly placement: unknown;
  /** Every node id the spec declares (controllers, then brokers). */
  readonly nodeIds: readonly unknown[];
  readonly mode: string;
  readonly basePort: unknown;
  /** The spec's parts that run on the default engine's network only: `monitoring`, `connect`, `schemaRegistry`. */
  readonly networkOnly: readonly string[];
}

/** Problems with `hosts` and `placement`: each names the field, the value and the fix. */
export function hostsProblems(c: HostsContext): string[] {
  if (c.hosts === undefined) return c.placement === undefined ? [] : [fieldProblem('placement', c.placement, 'places nodes on hosts, but the spec declares no \'hosts\': declare them, or remove \'placement\'')];
  if (!isObject(c.hosts) || Object.keys(c.hosts).length === 0) {
    return [fieldProblem('hosts', c.hosts, 'must name at least one host: e.g. { "a": { "docker": "ssh://kafka@10.0.0.12", "address": "10.0.0.12" } }')];
  }
  const problems = Object.entries(c.hosts).flatMap(([name, h]) => hostProblems(name, h));
  const names = Object.keys(c.hosts);
  problems.push(...placementProblems(c.placement, names, c.nodeIds));
  if (c.mode === 'zookeeper') problems.push(fieldProblem('hosts', names, "places nodes on hosts, which this tool does for KRaft clusters only: use mode 'kraft-combined' or 'kraft-dedicated', or remove 'hosts'"));
  for (const part of c.networkOnly) problems.push(fieldProblem(part, true, `runs on the default engine's Docker network, which does not reach nodes placed on 'hosts' yet: remove '${part}' or 'hosts'`));
  if (typeof c.basePort === 'number' && c.basePort + PLACED_PORT_SPAN > LIMITS.maxPort) {
    problems.push(fieldProblem('basePort', c.basePort, `leaves no room for the placed nodes' listener ports (basePort..basePort+${PLACED_PORT_SPAN}): use at most ${LIMITS.maxPort - PLACED_PORT_SPAN}`));
  }
  return problems;
}

function placementProblems(placement: unknown, hosts: readonly string[], nodeIds: readonly unknown[]): string[] {
  if (placement === undefined) return [];
  if (!isObject(placement)) return [fieldProblem('placement', placement, `must map node ids to hosts: e.g. { "${String(nodeIds[0] ?? 1)}": "${hosts[0]}" }`)];
  const ids = nodeIds.map(String);
  const problems: string[] = [];
  for (const [id, host] of Object.entries(placement)) {
    if (!ids.includes(id)) problems.push(fieldProblem(`placement.${id}`, host, `places node ${id}, which the cluster does not have: use one of the node ids ${ids.join(', ')}`));
    if (typeof host !== 'string' || !hosts.includes(host)) problems.push(fieldProblem(`placement.${id}`, host, `names no declared host: use ${orList(hosts.map((h) => `'${h}'`))}, or declare it under 'hosts'`));
  }
  return problems;
}

/** Allowed but risky: warnings about where the nodes are (a controller majority on one host). */
export function placementWarnings(controllers: readonly { readonly id: number; readonly host: string }[]): string[] {
  if (controllers.length < 2) return [];
  const counts = new Map<string, number>();
  for (const c of controllers) counts.set(c.host, (counts.get(c.host) ?? 0) + 1);
  const majority = Math.floor(controllers.length / 2) + 1;
  return [...counts].filter(([, n]) => n >= majority).map(
    ([host, n]) => `${n} of the ${controllers.length} controllers run on host '${host}': losing that host loses the quorum (place them on separate hosts with 'placement')`,
  );
}

/** Docker CLI global args for a host's engine (what `docker -H … --tlsverify …` takes). */
export function engineArgsOf(host: Pick<ResolvedHost, 'docker' | 'tls'>): string[] {
  const tls = host.tls ? ['--tlsverify', '--tlscacert', host.tls.caPath, '--tlscert', host.tls.certPath, '--tlskey', host.tls.keyPath] : [];
  return ['-H', host.docker, ...tls];
}

/**
 * `/etc/hosts` lines (name, IPv4 address) for every host given by address: Kafka's network
 * threads look the peer's address up by name (SASL, TLS), and where no DNS server answers (a lab
 * host's namespace) each lookup stalls about 10 s, so long that no quorum election completes.
 */
export function hostsFileEntries(hosts: readonly Pick<ResolvedHost, 'name' | 'address'>[]): { host: string; ip: string }[] {
  return hosts.filter((h) => isIP(h.address) === 4).map((h) => ({ host: h.name, ip: h.address }));
}
