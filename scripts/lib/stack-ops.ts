import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import type { ResolvedCluster } from '../../stacks/model/spec.ts';
import { clusterStateDir, projectRoot, stateDir } from './paths.ts';
import { withFileLock } from './file-lock.ts';
import { StepError, startProgress, withProgress } from './progress.ts';
import { ensureBindings } from './bindings.ts';
import { lockProviders, terraformEnv } from './providers.ts';

export function stackDir(cluster: string): string {
  return join(projectRoot, 'cdktf.out', 'stacks', cluster);
}

export function stateFile(cluster: string): string {
  return join(clusterStateDir(cluster), 'terraform.tfstate');
}

/** True when Terraform state for the cluster exists and holds resources. */
export function hasState(cluster: string): boolean {
  const path = stateFile(cluster);
  if (!existsSync(path)) return false;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as { resources?: unknown[] };
    return (state.resources?.length ?? 0) > 0;
  } catch {
    return true;
  }
}

const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

function tailOf(text: string, n = 15): string {
  return stripAnsi(text)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0)
    .slice(-n)
    .join('\n');
}

/** Synthesize every stack (plain Terraform JSON under cdktf.out) and lock each one's providers from the mirror. */
export async function synthesize(lockFor: readonly string[] = []): Promise<void> {
  // The access stacks import the generated provider bindings (instant when current).
  await ensureBindings();
  await withProgress('synthesizing Terraform JSON (cdktf app)', async (p) => {
    // One synth at a time per checkout: it prepares every known cluster's certificates, and two
    // deploys at once would otherwise issue them over each other.
    await withFileLock(
      join(stateDir(), 'synth.lock'),
      'synth',
      async () => {
        // The app itself, as `cdktf synth` runs it (cdktf.json "app"), without the CLI's start-up cost.
        const out = await $({ cwd: projectRoot, quiet: true, nothrow: true, env: { ...terraformEnv(), CDKTF_OUTDIR: join(projectRoot, 'cdktf.out') } })`npx --no-install tsx stacks/main.ts`;
        if (out.exitCode !== 0) throw new StepError('synth', tailOf(out.stdout + out.stderr), 'run npx cdktf synth to see the whole error');
        for (const name of lockFor) await lockProviders(stackDir(name));
      },
      { onWait: (pid) => p.update(`waiting for the synth of process ${pid}`) },
    );
  });
}

export interface CdktfRun {
  /** `deploy`, `destroy` or `diff` (Terraform plan). */
  readonly verb: 'deploy' | 'destroy' | 'diff';
  /** The stack id, e.g. `kraft-3` or `kraft-3-access`. */
  readonly stack: string;
  /** The cluster the stack belongs to: its state folder keeps the log. */
  readonly cluster: string;
  readonly title: string;
  /** Added to terraformEnv() (secrets go here, never into files). @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** The log file name in the cluster's state folder. @default `<verb>.log` */
  readonly logName?: string;
}

export interface CdktfResult {
  readonly ok: boolean;
  /** The whole output, ANSI codes removed. */
  readonly log: string;
  readonly logPath: string;
}

/** Run `cdktf <verb> <stack>` on the synthesized app, with progress; never throws on a failed run. */
export async function runCdktf(run: CdktfRun): Promise<CdktfResult> {
  const logDir = clusterStateDir(run.cluster);
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, run.logName ?? `${run.verb}.log`);
  // A cluster's access stack depends on it. Destroying the cluster takes its topics, users and
  // ACLs with it (they live in the brokers' storage), and the access stack is deployed and
  // destroyed on its own, so cdktf need not insist on deploying them together.
  const flags = ['--skip-synth', '--ignore-missing-stack-dependencies', ...(run.verb === 'diff' ? [] : ['--auto-approve'])];
  let log = '';
  const p = startProgress(run.title);
  {
    const proc = $({ cwd: projectRoot, quiet: true, nothrow: true, env: { ...terraformEnv(), CI: 'true', ...run.env } })`npx --no-install cdktf ${run.verb} ${run.stack} ${flags}`;
    const onData = (chunk: Buffer | string): void => {
      log += chunk.toString();
      const last = stripAnsi(log).split('\n').map((l) => l.trim()).filter((l) => /: (Creat|Destr|Modif|Still|Refresh)/.test(l)).pop();
      if (last) p.update(last.replace(/^\S+\s+/, '').slice(0, 100));
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    const out = await proc;
    log = stripAnsi(log);
    writeFileSync(logPath, log, { mode: 0o600 });
    const ok = out.exitCode === 0;
    p[ok ? 'done' : 'fail'](ok ? 'done' : `failed (log: ${logPath})`);
    return { ok, log, logPath };
  }
}

/** The last lines of a cdktf log, for an error message. */
export function logTail(log: string, n = 15): string {
  return tailOf(log, n);
}

async function cdktf(verb: 'deploy' | 'destroy', cluster: string, title: string): Promise<void> {
  const r = await runCdktf({ verb, stack: cluster, cluster, title });
  if (!r.ok) {
    throw new StepError(`cdktf ${verb}`, `${tailOf(r.log)}\n(full log: ${r.logPath})`, `fix the error above and run npm run ${verb} -- --cluster ${cluster} again`);
  }
}

/** `cdktf deploy <cluster>` on the already synthesized stack. */
export async function deployStack(cluster: ResolvedCluster): Promise<void> {
  await cdktf('deploy', cluster.name, `deploying cluster '${cluster.name}' (${cluster.nodes.length} nodes, Kafka ${cluster.kafkaVersion})`);
}

/** `cdktf destroy <cluster>` on the already synthesized stack. */
export async function destroyStack(cluster: ResolvedCluster): Promise<void> {
  await cdktf('destroy', cluster.name, `destroying cluster '${cluster.name}'`);
}
