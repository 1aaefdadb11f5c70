/**
 * The drill subcommands: list, start, check, hint, solution, reset, progress. `scripts/drill.ts`
 * only parses argv and calls `runDrillCommand`.
 */
import { DEFAULT_CLUSTER } from '../../../../../stacks/model/presets.ts';
import type { ResolvedCluster } from '../../../../../stacks/model/spec.ts';
import { clusterFromFlag } from '../../../lifecycle/index.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../../cluster/index.ts';
import { engineOf, startProgress } from '../../../core/index.ts';
import { closestMatches } from './closest.ts';
import { drillContext, practiceDir } from './context.ts';
import { DRILLS } from '../index.ts';
import { describeDown, healNodes, nodeHealth } from './nodes.ts';
import { appendEvent, hintsShown, openAttempt, practiceLogPath, readLog, summarize, type DrillEvent } from './practice-log.ts';
import { checkReport, formatDuration, listJson, progressRows, renderCheck, renderList, renderProgress } from './report.ts';
import { startRefusal } from './shape.ts';
import { TRACKS, type Criterion, type Drill, type Facts } from './types.ts';
import { DrillError, EXIT, UsageError } from '../../../../../stacks/model/errors.ts';

export const SUBCOMMANDS = ['list', 'start', 'check', 'hint', 'solution', 'reset', 'progress'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export interface DrillFlags {
  readonly cluster?: string;
  readonly json?: boolean;
  readonly print?: boolean;
  readonly track?: string;
}

const out = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** The drill named `id`, or a UsageError naming the closest ids. */
export function resolveDrill(id: string | undefined, drills: readonly Drill[] = DRILLS): Drill {
  if (!id) throw new UsageError(`name a drill: npm run drill -- <subcommand> <id> (npm run drill -- list shows the ids)`);
  const drill = drills.find((d) => d.id === id);
  if (drill) return drill;
  const near = closestMatches(id, drills.map((d) => d.id));
  throw new UsageError(`there is no drill '${id}'${near.length > 0 ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''} (npm run drill -- list shows them all)`);
}

/** Which subcommand; a typo names the closest. */
export function resolveSubcommand(word: string | undefined): Subcommand {
  if (!word) throw new UsageError(`name a subcommand: ${SUBCOMMANDS.join(', ')}`);
  if ((SUBCOMMANDS as readonly string[]).includes(word)) return word as Subcommand;
  const near = closestMatches(word, SUBCOMMANDS);
  throw new UsageError(`'${word}' is not a subcommand${near.length > 0 ? ` (did you mean '${near[0]}'?)` : ''}: use one of ${SUBCOMMANDS.join(', ')}`);
}

/** The cluster a command acts on: --cluster, else the cluster of the open attempt, else the drill's preset. */
function clusterFor(drill: Drill, flag: string | undefined, attempt: DrillEvent | undefined): ResolvedCluster {
  return clusterFromFlag(flag ?? attempt?.cluster ?? drill.preset ?? DEFAULT_CLUSTER).cluster;
}

const upCommand = (cluster: ResolvedCluster): string => `npm run up -- --cluster ${cluster.name}`;

/** The container where start says the tools are: the first broker up after setup, else the first broker. */
async function toolsNode(cluster: ResolvedCluster): Promise<string> {
  const up = (await nodeHealth(cluster)).find((n) => n.broker && n.up);
  return up?.container ?? cluster.nodes.find((n) => n.roles.includes('broker'))!.containerName;
}

/** The descriptor of a cluster that has containers; otherwise a DrillError that says to deploy it. */
async function runningCluster(cluster: ResolvedCluster): Promise<ConnectionDescriptor> {
  const d = readDescriptor(cluster.name);
  const nodes = await nodeHealth(cluster);
  if (!d || nodes.every((n) => n.status === 'missing')) {
    throw new DrillError(`cluster '${cluster.name}' is not running: deploy it first with ${upCommand(cluster)} (drills deploy nothing themselves)`);
  }
  return d;
}

function logPath(): string {
  return practiceLogPath(practiceDir());
}

/** Run every criterion of a check; a check that throws becomes one failed criterion. */
async function runCheck(drill: Drill, ctx: Parameters<Drill['check']>[0]): Promise<Criterion[]> {
  try {
    return await drill.check(ctx);
  } catch (error) {
    return [{ name: 'the check could run', ok: false, saw: error instanceof Error ? error.message.split('\n')[0]! : String(error) }];
  }
}

export async function runDrillCommand(sub: Subcommand, id: string | undefined, flags: DrillFlags): Promise<number> {
  switch (sub) {
    case 'list': {
      if (flags.track && !(TRACKS as readonly string[]).includes(flags.track)) throw new UsageError(`'--track' (${flags.track}) is not a track: use one of ${TRACKS.join(', ')}`);
      const drills = DRILLS.filter((d) => !flags.track || d.track === flags.track);
      out(flags.json ? JSON.stringify(listJson(drills), null, 2) : renderList(drills));
      return EXIT.ok;
    }
    case 'progress': {
      const rows = progressRows(DRILLS, summarize(readLog(logPath())));
      out(flags.json ? JSON.stringify({ passed: rows.filter((r) => r.passed).length, of: rows.length, drills: rows }, null, 2) : renderProgress(rows));
      return EXIT.ok;
    }
    case 'hint': {
      const drill = resolveDrill(id);
      const events = readLog(logPath());
      const shown = hintsShown(events, drill.id);
      if (shown >= drill.hints.length) {
        out(`no more hints for '${drill.id}' (${drill.hints.length} of ${drill.hints.length} shown); the last one:\n  ${drill.hints[drill.hints.length - 1]}\nthe reference solution: npm run drill -- solution ${drill.id} --print`);
        return EXIT.ok;
      }
      appendEvent(logPath(), { event: 'hint', drill: drill.id, shown: shown + 1 });
      out(`hint ${shown + 1} of ${drill.hints.length} for '${drill.id}':\n  ${drill.hints[shown]}${shown + 1 < drill.hints.length ? `\n(another one: npm run drill -- hint ${drill.id})` : ''}`);
      return EXIT.ok;
    }
    case 'start':
      return start(resolveDrill(id), flags);
    case 'check':
      return check(resolveDrill(id), flags);
    case 'solution':
      return solution(resolveDrill(id), flags);
    case 'reset':
      return reset(resolveDrill(id), flags);
  }
}

async function start(drill: Drill, flags: DrillFlags): Promise<number> {
  const events = readLog(logPath());
  const cluster = clusterFor(drill, flags.cluster, undefined);
  const refusal = startRefusal(drill.id, drill.needs, cluster);
  if (refusal) throw new DrillError(refusal);
  const d = await runningCluster(cluster);
  const down = describeDown(await nodeHealth(cluster));
  if (down.length > 0) {
    const open = [...new Set(events.filter((e) => e.cluster === cluster.name).map((e) => e.drill))].filter((x) => openAttempt(events, x));
    throw new DrillError(
      `cluster '${cluster.name}' is not whole (${down.join('; ')}): ${open.length > 0 ? `finish or reset the drill left open: npm run drill -- reset ${open[0]}${flags.cluster ? ` --cluster ${flags.cluster}` : ''}` : `bring the nodes back (npm run drill -- reset ${drill.id} does it) and start again`}`,
    );
  }
  const previous = openAttempt(events, drill.id);
  const progress = startProgress(`setting up drill '${drill.id}' on cluster '${cluster.name}'`);
  let facts: Facts;
  try {
    if (previous) {
      progress.update('undoing the previous attempt');
      const undo = drillContext(cluster, d, { facts: previous.facts ?? {}, out: () => {} });
      await drill.beforeHeal?.(undo);
      await drill.reset(undo);
    }
    progress.update('building the scenario');
    facts = await drill.setup(drillContext(cluster, d, { out: () => {} }));
    progress.done('ready');
  } catch (error) {
    progress.fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    throw new DrillError(`setting up drill '${drill.id}' failed: ${error instanceof Error ? error.message : String(error)}\n  the cluster may be half set up: npm run drill -- reset ${drill.id}${flags.cluster ? ` --cluster ${flags.cluster}` : ''}`);
  }
  const started = appendEvent(logPath(), { event: 'start', drill: drill.id, cluster: cluster.name, facts });
  const c = flags.cluster ? ` --cluster ${flags.cluster}` : '';
  const tools = await toolsNode(cluster);
  out(
    [
      `drill '${drill.id}' (${drill.track}, ${drill.domain}, ${drill.difficulty}) on cluster '${cluster.name}'`,
      '',
      drill.task(facts, cluster),
      '',
      `time budget: ${drill.minutes} min (started ${started.at.slice(11, 19)} UTC)`,
      `connect: npm run info -- --cluster ${cluster.name}; tools in a broker: ${['docker', ...engineOf(tools), 'exec', '-it', tools, 'bash'].join(' ')}`,
      `when done: npm run drill -- check ${drill.id}${c}   stuck: npm run drill -- hint ${drill.id}`,
    ].join('\n'),
  );
  return EXIT.ok;
}

/** The open attempt, or a UsageError that says to start the drill first (exit 2). */
function requireAttempt(drill: Drill, flags: DrillFlags, verb: string): DrillEvent {
  const events = readLog(logPath());
  const attempt = openAttempt(events, drill.id);
  if (!attempt) throw new UsageError(`drill '${drill.id}' is not started, so there is nothing to ${verb}: run npm run drill -- start ${drill.id}${flags.cluster ? ` --cluster ${flags.cluster}` : ''} first`);
  if (flags.cluster) {
    const wanted = clusterFromFlag(flags.cluster).cluster.name;
    if (wanted !== attempt.cluster) {
      throw new UsageError(`drill '${drill.id}' was started on cluster '${attempt.cluster}', not '${wanted}': check it there (drop --cluster), or run npm run drill -- start ${drill.id} --cluster ${flags.cluster} first`);
    }
  }
  return attempt;
}

async function check(drill: Drill, flags: DrillFlags): Promise<number> {
  const attempt = requireAttempt(drill, flags, 'check');
  const cluster = clusterFor(drill, flags.cluster, attempt);
  const d = await runningCluster(cluster);
  const progress = flags.json ? undefined : startProgress(`checking drill '${drill.id}' on cluster '${cluster.name}'`);
  const criteria = await runCheck(drill, drillContext(cluster, d, { facts: attempt.facts ?? {} }));
  const report = checkReport(drill.id, criteria);
  progress?.[report.ok ? 'done' : 'fail'](report.ok ? 'passed' : 'not yet');
  const at = new Date();
  appendEvent(logPath(), { event: 'check', drill: drill.id, cluster: cluster.name, ok: report.ok, passed: criteria.filter((c) => c.ok).length, of: criteria.length }, at);
  const elapsed = (at.getTime() - Date.parse(attempt.at)) / 1000;
  if (flags.json) {
    out(JSON.stringify(report, null, 2));
  } else {
    out(renderCheck(report, cluster.name, drill.minutes, elapsed));
    if (report.ok) out(`\nwhy it works:\n${drill.explain}\n\nput the cluster back: npm run drill -- reset ${drill.id}${flags.cluster ? ` --cluster ${flags.cluster}` : ''}`);
    else out(`stuck? npm run drill -- hint ${drill.id}`);
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

async function solution(drill: Drill, flags: DrillFlags): Promise<number> {
  const steps = `reference solution of '${drill.id}':\n${drill.solution.steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`;
  if (flags.print) {
    out(`${steps}\n\nwhy it works:\n${drill.explain}`);
    return EXIT.ok;
  }
  const attempt = requireAttempt(drill, flags, 'solve');
  const cluster = clusterFor(drill, flags.cluster, attempt);
  const d = await runningCluster(cluster);
  out(`${steps}\n\nrunning it on cluster '${cluster.name}':`);
  const started = Date.now();
  try {
    await drill.solution.run(drillContext(cluster, d, { facts: attempt.facts ?? {}, out: (l) => out(`  ${l.replace(/\n/g, '\n  ')}`) }));
  } catch (error) {
    throw new DrillError(`the reference solution of '${drill.id}' failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  appendEvent(logPath(), { event: 'solution', drill: drill.id, cluster: cluster.name });
  out(`done in ${formatDuration((Date.now() - started) / 1000)}; grade it: npm run drill -- check ${drill.id}${flags.cluster ? ` --cluster ${flags.cluster}` : ''}\n\nwhy it works:\n${drill.explain}`);
  return EXIT.ok;
}

async function reset(drill: Drill, flags: DrillFlags): Promise<number> {
  const attempt = openAttempt(readLog(logPath()), drill.id);
  const cluster = clusterFor(drill, flags.cluster, attempt);
  const d = await runningCluster(cluster);
  const progress = startProgress(`resetting drill '${drill.id}' on cluster '${cluster.name}'`);
  try {
    const ctx = drillContext(cluster, d, { facts: attempt?.cluster === cluster.name ? attempt.facts ?? {} : {}, out: () => {} });
    // Nodes first: a drill's cleanup needs a whole cluster (a drill may first undo what healing cannot).
    await drill.beforeHeal?.(ctx);
    const healed = await healNodes(cluster, d);
    await drill.reset(ctx);
    progress.done(healed.actions.length > 0 ? `nodes back (${healed.actions.join('; ')})` : 'done');
  } catch (error) {
    progress.fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    throw new DrillError(`resetting drill '${drill.id}' failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  appendEvent(logPath(), { event: 'reset', drill: drill.id, cluster: cluster.name });
  out(`drill '${drill.id}' reset: what it created is gone and every node of '${cluster.name}' is up; npm run verify -- --cluster ${cluster.name} proves the cluster healthy`);
  return EXIT.ok;
}
