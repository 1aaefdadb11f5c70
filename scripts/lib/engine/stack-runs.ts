import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { $, type ProcessPromise } from 'zx';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { clusterStateDir, projectRoot, startProgress, stateDir, withFileLock, withProgress } from '../core/index.ts';
import { ensureBindings } from './bindings.ts';
import { lockProviders, terraformEnv } from './providers.ts';
import { terraformBinary } from './terraform.ts';
import { StepError } from '../../../stacks/model/errors.ts';

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

/** The variable the cdktf app (scripts/cdktf-app.ts) reads: a comma list of the clusters to synthesize. */
export const SYNTH_CLUSTERS_ENV = 'KAFKALAB_SYNTH_CLUSTERS';

/**
 * Synthesize stacks (plain Terraform JSON under cdktf.out) and lock their providers from the
 * mirror: the named clusters' stacks only (so a synth never rewrites a stack another command is
 * applying), or every known cluster's when none is named.
 */
export async function synthesize(clusters?: readonly string[]): Promise<void> {
  // The access stacks import the generated provider bindings (instant when current).
  await ensureBindings();
  const what = clusters ? clusters.map((c) => `'${c}'`).join(', ') : 'every known cluster';
  await withProgress(`synthesizing Terraform JSON of ${what} (cdktf app)`, async (p) => {
    // One synth at a time per checkout: two at once could issue the same cluster's certificates over each other.
    await withFileLock(
      join(stateDir(), 'synth.lock'),
      'synth',
      async () => {
        // The app itself, as `cdktf synth` runs it (cdktf.json "app"), without the CLI's start-up cost.
        const env = { ...terraformEnv(), CDKTF_OUTDIR: join(projectRoot, 'cdktf.out'), ...(clusters ? { [SYNTH_CLUSTERS_ENV]: clusters.join(',') } : {}) };
        const out = await $({ cwd: projectRoot, quiet: true, nothrow: true, env })`npx --no-install tsx scripts/cdktf-app.ts`;
        if (out.exitCode !== 0) throw new StepError('synth', tailOf(out.stdout + out.stderr), 'run npx cdktf synth to see the whole error');
        for (const name of clusters ?? []) await lockProviders(stackDir(name));
      },
      { onWait: (pid) => p.update(`waiting for the synth of process ${pid}`) },
    );
  });
}

export interface StackRun {
  /** `deploy` (terraform apply), `destroy` (terraform destroy) or `diff` (terraform plan). */
  readonly verb: 'deploy' | 'destroy' | 'diff';
  /** The stack id, e.g. `kraft-3` or `kraft-3-access`: its synthesized folder under cdktf.out/stacks. */
  readonly stack: string;
  /** The cluster the stack belongs to: its state folder keeps the log. */
  readonly cluster: string;
  readonly title: string;
  /** Added to terraformEnv() (secrets go here, never into files). @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** The log file name in the cluster's state folder. @default `<verb>.log` */
  readonly logName?: string;
  /** deploy: apply this saved plan as it is instead of planning again. @default - plan and apply */
  readonly planFile?: string;
}

export interface StackResult {
  readonly ok: boolean;
  /** The whole output, ANSI codes removed. */
  readonly log: string;
  readonly logPath: string;
}

/**
 * `terraform ARGS` in a synthesized stack's folder, with the project's CLI config (providers from
 * the mirror) and `env` on top: quiet, and it never throws (read the exit code).
 */
export function terraformIn(stack: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): ProcessPromise {
  return $({ cwd: stackDir(stack), quiet: true, nothrow: true, env: { ...terraformEnv(), ...env } })`${terraformBinary()} ${args}`;
}

/** The Terraform command for each verb, on a synthesized stack (plain Terraform JSON). */
const TERRAFORM_ARGS: Readonly<Record<StackRun['verb'], readonly string[]>> = {
  deploy: ['apply', '-input=false', '-no-color', '-auto-approve'],
  destroy: ['destroy', '-input=false', '-no-color', '-auto-approve'],
  diff: ['plan', '-input=false', '-no-color'],
};

/**
 * Run Terraform on a synthesized stack, with progress; never throws on a failed run.
 * 1. `terraform init` in the stack's folder (providers from the local mirror; instant when done).
 * 2. `terraform apply|destroy|plan` there, each line of progress shown as it comes.
 * Terraform runs directly, not through the cdktf CLI: the same plan and apply, without the CLI's
 * start-up (4 to 6 s a run, measured); the stack's folder is plain Terraform JSON (Terraform or
 * OpenTofu, see TERRAFORM_BINARY_NAME).
 */
export async function runTerraform(run: StackRun): Promise<StackResult> {
  const logDir = clusterStateDir(run.cluster);
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, run.logName ?? `${run.verb}.log`);
  const cwd = stackDir(run.stack);
  const env = { CI: 'true', TF_IN_AUTOMATION: '1', ...run.env };
  let log = '';
  const p = startProgress(run.title);
  const onData = (chunk: Buffer | string): void => {
    log += chunk.toString();
    const last = stripAnsi(log).split('\n').map((l) => l.trim()).filter((l) => /: (Creat|Destr|Modif|Still|Refresh)/.test(l)).pop();
    if (last) p.update(last.slice(0, 100));
  };
  let ok = existsSync(join(cwd, 'cdk.tf.json'));
  if (!ok) log = `no synthesized stack in ${cwd}: run npm run synth`;
  const main = run.verb === 'deploy' && run.planFile ? ['apply', '-input=false', '-no-color', run.planFile] : TERRAFORM_ARGS[run.verb];
  for (const args of ok ? [['init', '-input=false', '-no-color'], main] : []) {
    const proc = terraformIn(run.stack, args, env);
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    ok = (await proc).exitCode === 0;
    if (!ok) break;
  }
  log = stripAnsi(log);
  writeFileSync(logPath, log, { mode: 0o600 });
  p[ok ? 'done' : 'fail'](ok ? 'done' : `failed (log: ${logPath})`);
  return { ok, log, logPath };
}

/** The last lines of a Terraform log, for an error message. */
export function logTail(log: string, n = 15): string {
  return tailOf(log, n);
}

async function terraformRun(verb: 'deploy' | 'destroy', cluster: string, title: string, planFile?: string): Promise<void> {
  const r = await runTerraform({ verb, stack: cluster, cluster, title, ...(planFile ? { planFile } : {}) });
  if (!r.ok) {
    throw new StepError(`terraform ${TERRAFORM_ARGS[verb][0]}`, `${tailOf(r.log)}\n(full log: ${r.logPath})`, `fix the error above and run npm run ${verb} -- --cluster ${cluster} again`);
  }
}

/** `terraform apply` on the cluster's already synthesized stack: of `planFile` when given (a plan saved just before), else planned anew. */
export async function deployStack(cluster: ResolvedCluster, planFile?: string): Promise<void> {
  await terraformRun('deploy', cluster.name, `deploying cluster '${cluster.name}' (${cluster.nodes.length} nodes, Kafka ${cluster.kafkaVersion})`, planFile);
}

/** `terraform destroy` on the cluster's already synthesized stack. */
export async function destroyStack(cluster: ResolvedCluster): Promise<void> {
  await terraformRun('destroy', cluster.name, `destroying cluster '${cluster.name}'`);
}
