/**
 * A fake machine for the lab hosts' runner: namespaces, veth links, addresses, routes, Docker
 * engines, processes, files, mounts and cgroups, kept as data and changed by the same commands
 * the real runner runs (ip, nsenter, docker, mkdir, rm, umount, find, rmdir). Every command is
 * recorded, so a test can say what ran.
 */
import type { Clock } from '../../../../scripts/lib/core/index.ts';
import type { ExecResult, LabProcess, LabRunner } from '../../../../scripts/lib/lab-hosts/index.ts';

interface Link {
  ns: string;
  name: string;
  peer: string;
  up: boolean;
  addrs: Set<string>;
}

interface Engine {
  pid: number;
  containers: string[];
  images: Map<string, string>;
}

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (stderr: string): ExecResult => ({ exitCode: 1, stdout: '', stderr });
const key = (ns: string, name: string): string => `${ns}|${name}`;

export const CGROUP_MOUNTS = ['/sys/fs/cgroup/memory', '/sys/fs/cgroup/pids'];

export class FakeMachine implements LabRunner {
  readonly calls: string[] = [];
  readonly namespaces = new Set<string>();
  readonly links = new Map<string, Link>();
  readonly routes = new Map<string, Set<string>>();
  readonly engines = new Map<string, Engine>();
  readonly files = new Map<string, string>();
  readonly mountPoints = new Set<string>();
  procs: LabProcess[] = [];
  tools = new Set(['ip', 'nsenter', 'dockerd', 'docker']);
  localImages = new Map([['kafkalab/kafka:test', 'sha256:abc']]);
  /** Spawned dockerds that exit at once, writing this to their log. */
  dockerdDiesWith: string | undefined;
  /** Answers a command before the model does (an injected failure). */
  override: ((argv: readonly string[]) => ExecResult | undefined) | undefined;
  private nextPid = 1000;
  private time = 0;

  readonly clock: Clock = {
    now: () => this.time,
    sleep: async (ms) => void (this.time += ms),
  };

  /** The commands run that change something (no reads, checks or queries). */
  changes(): string[] {
    return this.calls.filter((c) => !/ (show|list|version|inspect|ps|ls)( |$)|^nsenter \S+ true$|^command -v|^find /.test(c));
  }

  async exec(argv: readonly string[]): Promise<ExecResult> {
    this.calls.push(argv.join(' '));
    return this.override?.(argv) ?? this.run(argv);
  }

  private run(argv: readonly string[]): ExecResult {
    const [cmd, ...a] = argv;
    if (cmd === 'command') return this.tools.has(a[1]!) ? ok(`/usr/bin/${a[1]}`) : fail('');
    if (cmd === 'nsenter') return a.at(-1) === 'true' && !this.namespaces.has(a[0]!.replace('--net=/run/netns/', '')) ? fail('nsenter: No such file') : ok();
    if (cmd === 'ip') return a[0] === '-n' ? this.ip(a[1]!, a.slice(2)) : this.ip('', a);
    if (cmd === 'docker') return this.docker(a);
    if (cmd === 'mkdir') return a.slice(1).forEach((p) => this.files.set(p, '')), ok();
    if (cmd === 'rm') return this.remove(a.filter((p) => p.startsWith('/'))), ok();
    if (cmd === 'umount') return this.mountPoints.delete(a.at(-1)!), ok();
    if (cmd === 'find') return ok(a.includes('-depth') ? [...this.files.keys()].filter((f) => f.startsWith(a[0]!)).sort().reverse().join('\n') : '');
    if (cmd === 'rmdir') return this.files.delete(a[0]!), ok();
    return fail(`fake machine: no ${argv.join(' ')}`);
  }

  private remove(paths: readonly string[]): void {
    for (const p of paths) for (const f of [...this.files.keys()]) if (f === p || f.startsWith(`${p}/`)) this.files.delete(f);
  }

  private ip(ns: string, a: readonly string[]): ExecResult {
    const json = a[0] === '-j';
    const oneLine = a[0] === '-o';
    const [obj, verb, ...rest] = json || oneLine ? a.slice(1) : a;
    if (obj === 'netns') return this.netns(verb!, rest[0]);
    if (obj === 'link') return this.link(ns, verb!, rest, json, oneLine);
    if (obj === 'addr') {
      if (verb === 'replace') return this.links.get(key(ns, rest[2]!))?.addrs.add(rest[0]!) ? ok() : fail('Cannot find device');
      const shown = [...this.links.values()].filter((l) => l.ns === ns && (rest[0] === 'dev' ? l.name === rest[1] : [...l.addrs].some((x) => x.startsWith('10.250.'))));
      if (rest[0] === 'dev' && shown.length === 0) return fail('Device does not exist');
      return ok(shown.flatMap((l) => [...l.addrs].map((x) => `7: ${l.name}    inet ${x} scope global ${l.name}`)).join('\n'));
    }
    if (obj === 'route') {
      const table = this.routes.get(ns) ?? new Set<string>();
      this.routes.set(ns, table);
      if (verb === 'replace') return table.add(rest.join(' ')), ok();
      if (verb === 'del') return [...table].filter((r) => r.startsWith(rest[0]!)).forEach((r) => table.delete(r)), ok();
      const dst = rest.at(-1)!;
      return ok([...table].filter((r) => r.startsWith(dst)).join('\n'));
    }
    return fail(`fake ip: ${a.join(' ')}`);
  }

  private netns(verb: string, name: string | undefined): ExecResult {
    if (verb === 'list') return ok([...this.namespaces].join('\n'));
    if (verb === 'add') {
      if (this.namespaces.has(name!)) return fail('Cannot create namespace file: File exists');
      this.namespaces.add(name!);
      return ok();
    }
    if (!this.namespaces.delete(name!)) return fail('No such file');
    for (const l of [...this.links.values()]) if (l.ns === name) this.dropLink(l);
    this.routes.delete(name!);
    return ok();
  }

  private dropLink(l: Link): void {
    for (const end of [l, this.links.get(l.peer)]) {
      if (!end) continue;
      this.links.delete(key(end.ns, end.name));
      const table = this.routes.get(end.ns);
      for (const r of [...(table ?? [])]) if (r.includes(`dev ${end.name}`)) table!.delete(r);
    }
  }

  private link(ns: string, verb: string, rest: readonly string[], json: boolean, oneLine: boolean): ExecResult {
    if (verb === 'add') {
      const [name, , , , , peer, , peerNs] = rest;
      if (this.links.has(key(ns, name!))) return fail('RTNETLINK answers: File exists');
      this.links.set(key(ns, name!), { ns, name: name!, peer: key(peerNs!, peer!), up: false, addrs: new Set() });
      this.links.set(key(peerNs!, peer!), { ns: peerNs!, name: peer!, peer: key(ns, name!), up: false, addrs: new Set() });
      return ok();
    }
    if (verb === 'show' && oneLine) return ok([...this.links.values()].filter((l) => l.ns === ns).map((l, i) => `${i + 2}: ${l.name}@if9: <BROADCAST>`).join('\n'));
    const name = rest[0] === 'dev' ? rest[1]! : rest[0]!;
    if (name === 'lo') return ok();
    const l = this.links.get(key(ns, name));
    if (!l) return fail(`Cannot find device "${name}"`);
    if (verb === 'del') return this.dropLink(l), ok();
    if (verb === 'set') return (l.up = rest.at(-1) === 'up'), ok();
    const carrier = l.up && Boolean(this.links.get(l.peer)?.up);
    return ok(json ? JSON.stringify([{ ifname: name, flags: [...(l.up ? ['UP'] : []), ...(carrier ? ['LOWER_UP'] : [])] }]) : `${name}: <...>`);
  }

  private docker(a: readonly string[]): ExecResult {
    if (a[0] !== '-H') {
      const id = this.localImages.get(a.at(-1)!);
      return id ? ok(id) : fail('Error: No such image');
    }
    const e = this.engines.get(a[1]!);
    if (!e) return fail(`Cannot connect to the Docker daemon at ${a[1]}. Is the docker daemon running?`);
    const [cmd, ...rest] = a.slice(2);
    if (cmd === 'version') return ok('20.10.24');
    if (cmd === 'ps') return ok(rest.includes('-aq') ? e.containers.join('\n') : e.containers.map(() => 'running').join('\n'));
    if (cmd === 'rm') return (e.containers = e.containers.filter((c) => !rest.includes(c))), ok();
    if (cmd === 'image') return ok([...e.images.keys()].join('\n'));
    return fail(`fake docker: ${a.join(' ')}`);
  }

  async spawnDetached(argv: readonly string[], logFile: string): Promise<number> {
    this.calls.push(`spawn ${argv.join(' ')}`);
    const pid = this.nextPid++;
    if (this.dockerdDiesWith) {
      this.files.set(logFile, this.dockerdDiesWith);
      return pid;
    }
    const arg = (flag: string): string => argv[argv.indexOf(flag) + 1]!;
    const socket = arg('-H');
    this.engines.set(socket, { pid, containers: [], images: new Map() });
    this.procs.push({ pid, argv: argv.slice(2) }, { pid: pid + 500, argv: ['containerd', '--config', `${arg('--exec-root')}/containerd/containerd.toml`] });
    this.files.set(socket.replace('unix://', ''), '');
    this.mountPoints.add(`${arg('--exec-root')}/netns/default`).add(arg('--data-root'));
    const cgroup = argv.find((x) => x.startsWith('--cgroup-parent='))!.split('=')[1]!;
    for (const m of CGROUP_MOUNTS) this.files.set(`${m}${cgroup}`, '');
    return pid;
  }

  async readText(path: string): Promise<string | undefined> {
    if (path === '/proc/self/mountinfo') {
      const cg = CGROUP_MOUNTS.map((m, i) => `${30 + i} 25 0:${i} / ${m} rw - cgroup cgroup rw`);
      const ours = [...this.mountPoints].map((m, i) => `${60 + i} 25 0:9 / ${m} rw - nsfs nsfs rw`);
      return [`22 1 8:0 / / rw - ext4 /dev/vda rw`, ...cg, ...ours].join('\n');
    }
    return this.files.get(path);
  }

  async writeText(path: string, text: string): Promise<void> {
    this.files.set(path, text);
  }

  async exists(path: string): Promise<boolean> {
    return this.files.has(path) || (path.startsWith('/run/netns/') && this.namespaces.has(path.slice('/run/netns/'.length)));
  }

  signal(pid: number, signal: NodeJS.Signals | 0): boolean {
    if (!this.procs.some((x) => x.pid === pid)) return false;
    if (signal === 0) return true;
    this.calls.push(`kill -${signal} ${pid}`);
    this.procs = this.procs.filter((x) => x.pid !== pid);
    for (const [socket, e] of this.engines) {
      if (e.pid !== pid) continue;
      this.engines.delete(socket);
      this.procs = this.procs.filter((x) => x.pid !== pid + 500); // its containerd goes with it
    }
    return true;
  }

  async processes(): Promise<LabProcess[]> {
    return [{ pid: 1, argv: ['/sbin/init'] }, { pid: 7, argv: ['tail', '-f', '/run/kafkalab-lab/lab-1/dockerd.pid'] }, ...this.procs];
  }
}
