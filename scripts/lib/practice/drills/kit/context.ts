import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResolvedCluster } from '../../../../../stacks/model/spec.ts';
import { ADMIN_CLIENT_PATH } from '../../../../../stacks/render/admin-client.ts';
import { internalAddressOf } from '../../../../../stacks/render/listeners.ts';
import type { ConnectionDescriptor } from '../../../cluster/index.ts';
import { dockerExec, stateDir } from '../../../core/index.ts';
import { liveAddresses, nodeHealth } from './nodes.ts';
import type { DrillContext, Facts, ToolResult } from './types.ts';

/** The learner's folder: files drills ask for, and the practice log. Override with KAFKALAB_PRACTICE_DIR. */
export function practiceDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KAFKALAB_PRACTICE_DIR ? resolve(env.KAFKALAB_PRACTICE_DIR) : join(stateDir(env), 'practice');
}

/**
 * JVM options for one-shot tools: C1 only, serial GC, a small heap. On a busy 2-core machine
 * they start in about two thirds of the default's time.
 */
export const QUICK_TOOL_JVM = ['KAFKA_JVM_PERFORMANCE_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Djava.awt.headless=true', 'KAFKA_HEAP_OPTS=-Xmx192m'];

/**
 * The argv of a Kafka CLI tool run in a node's container as the admin, through its internal
 * listener at `address` (`kafka-2:9092`; a node placed on a host: its host's address and port).
 */
export function toolArgv(tool: string, address: string, args: readonly string[]): string[] {
  const bootstrap = tool === 'kafka-dump-log.sh' ? [] : ['--bootstrap-server', address, '--command-config', ADMIN_CLIENT_PATH];
  return ['env', ...QUICK_TOOL_JVM, tool, ...bootstrap, ...args];
}

export interface ContextOptions {
  /** What the drill recorded at setup. @default {} */
  readonly facts?: Facts;
  /** Where `say` writes. @default stdout */
  readonly out?: (line: string) => void;
}

export function drillContext(cluster: ResolvedCluster, d: ConnectionDescriptor, opts: ContextOptions = {}): DrillContext {
  const dir = practiceDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  return {
    cluster,
    d,
    facts: opts.facts ?? {},
    practiceDir: dir,
    async tool(tool, args, o = {}): Promise<ToolResult> {
      const nodes = (await nodeHealth(cluster)).filter((n) => n.broker && n.up);
      if (nodes.length === 0) throw new Error(`no broker of cluster '${cluster.name}' is up to run ${tool}: npm run drill -- reset <drill>, or docker start the brokers`);
      let last = '';
      // A broker that is up but cut off (e.g. by a drill) fails fast; the next one is tried.
      for (const n of nodes) {
        for (const [path, text] of Object.entries(o.files ?? {})) {
          const w = await dockerExec(n.container, ['bash', '-c', 'cat > "$0"', path], { input: text });
          if (w.exitCode !== 0) throw new Error(`writing ${path} in ${n.container} failed: ${lastLine(w.stderr)}`);
        }
        const node = cluster.nodes.find((x) => x.containerName === n.container)!;
        const r = await dockerExec(n.container, toolArgv(tool, internalAddressOf(cluster, node), args), { timeoutMs: o.timeoutMs ?? 120_000, ...(o.input !== undefined ? { input: o.input } : {}) });
        if (r.exitCode === 0) return { stdout: r.stdout, stderr: r.stderr, container: n.container };
        last = `${tool} ${args.join(' ')} failed in ${n.container} (exit ${r.exitCode}): ${lastLine(r.stderr) || lastLine(r.stdout)}`;
        if (!/TimeoutException|disconnected|Connection to node|UnknownHost|timed out/i.test(r.stderr)) break;
      }
      throw new Error(last);
    },
    exec: (container, args, o = {}) => dockerExec(container, args, o),
    async live() {
      const addresses = liveAddresses(d, await nodeHealth(cluster));
      return { ...d, bootstrapServers: addresses.length > 0 ? addresses : d.bootstrapServers };
    },
    say: out,
  };
}

/** The last non-empty line of a tool's output: where Kafka's tools put the error. */
export function lastLine(text: string): string {
  return text.trim().split('\n').map((l) => l.trim()).filter(Boolean).slice(-1)[0] ?? '';
}
