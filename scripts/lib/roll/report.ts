import type { RollRole } from './order.ts';

/** What happened to one node of the order. */
export type NodeOutcome = 'restarted' | 'refused' | 'failed' | 'interrupted' | 'pending' | 'planned';

export interface NodeReport {
  readonly id: number | string;
  readonly role: RollRole;
  readonly hostname: string;
  readonly container: string;
  readonly outcome: NodeOutcome;
  /** From `docker stop` to back (registered, in sync, caught up): what the node was away. */
  readonly restartMs: number | null;
  /** Waiting until stopping it was safe. */
  readonly safeWaitMs?: number;
  /** The controlled shutdown (`docker stop`). */
  readonly stopMs?: number;
  /** From `docker start` to back. */
  readonly backMs?: number;
  /** The preferred leader election after it was back. */
  readonly electionMs?: number;
  readonly leadersElected?: number;
  /** The container's exit code after the stop: 143 is SIGTERM honoured, 137 a kill after the grace. */
  readonly exitCode?: number;
  /** With --validate: the longest gap between acknowledgements while this node was away. */
  readonly maxStallMs?: number;
  /** Dry run: the checks made around this node. */
  readonly checks?: { readonly before: readonly string[]; readonly restart: readonly string[]; readonly after: readonly string[] };
  /** Why it was refused or failed, with what was seen. */
  readonly detail?: string;
}

export interface ValidationSummary {
  readonly topic: string;
  readonly recordsPerSecond: number;
  readonly duplicates: number;
  readonly sendErrors: number;
  readonly lostSample: readonly string[];
  /** When the longest stall began (ISO time) and the node that was away then, if any. */
  readonly maxStallAt: string | null;
  readonly maxStallNode: number | string | null;
  readonly problems: readonly string[];
}

export interface RollReport {
  readonly ok: boolean;
  readonly cluster: string;
  readonly mode: string;
  readonly kafkaVersion: string;
  readonly dryRun: boolean;
  /** Node ids in the order this roll takes them. */
  readonly order: readonly (number | string)[];
  readonly nodes: readonly NodeReport[];
  readonly totalMs: number;
  /** With --validate (null without): distinct values acknowledged (acks=all), read back, and acknowledged but never read. */
  readonly acked: number | null;
  readonly consumed: number | null;
  readonly lost: number | null;
  /** Longest gap between consecutive acknowledgements during the roll. */
  readonly maxStallMs: number | null;
  readonly validation?: ValidationSummary;
  /** Why the roll refused, stopped or failed, and what to do. */
  readonly refusal?: { readonly node?: number | string; readonly reason: string; readonly hint: string };
  readonly warnings: readonly string[];
}

/** What an operation that rolled reports of it: the containers restarted, and --validate's counts. */
export interface RollOutcome {
  readonly rolled: readonly string[];
  readonly validation?: { readonly acked: number; readonly consumed: number; readonly lost: number; readonly maxStallMs: number };
}

export function rollOutcomeOf(roll: RollReport | undefined): RollOutcome {
  return {
    rolled: roll ? roll.nodes.filter((n) => n.outcome === 'restarted').map((n) => n.container) : [],
    ...(roll && roll.acked !== null
      ? { validation: { acked: roll.acked, consumed: roll.consumed ?? 0, lost: roll.lost ?? 0, maxStallMs: roll.maxStallMs ?? 0 } }
      : {}),
  };
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${String(Math.round((ms - m * 60_000) / 1000)).padStart(2, '0')}s`;
}

const who = (n: Pick<NodeReport, 'id' | 'hostname' | 'role'>): string =>
  typeof n.id === 'string' ? `${n.id} (${n.role})` : `node ${n.id} (${n.hostname}, ${n.role})`;

function nodeLine(n: NodeReport): string {
  switch (n.outcome) {
    case 'restarted': {
      const parts = [
        n.safeWaitMs !== undefined ? `safe after ${formatMs(n.safeWaitMs)}` : undefined,
        n.stopMs !== undefined ? `shutdown ${formatMs(n.stopMs)}` : undefined,
        n.backMs !== undefined ? `back ${formatMs(n.backMs)}` : undefined,
        n.leadersElected !== undefined ? `${n.leadersElected} leader(s) elected` : undefined,
      ].filter(Boolean);
      const stall = n.maxStallMs !== undefined ? `; longest stall ${formatMs(n.maxStallMs)}` : '';
      return `✔ ${who(n)}: restarted in ${formatMs(n.restartMs ?? 0)} (${parts.join(', ')})${stall}`;
    }
    case 'planned': {
      const c = n.checks!;
      return [
        `• ${who(n)}`,
        ...c.before.map((x) => `    before: ${x}`),
        ...c.restart.map((x) => `    restart: ${x}`),
        ...c.after.map((x) => `    after: ${x}`),
      ].join('\n');
    }
    case 'pending':
      return `  ${who(n)}: untouched`;
    case 'refused':
      return `✖ ${who(n)}: refused, not stopped: ${n.detail ?? ''}`;
    case 'failed':
      return `✖ ${who(n)}: ${n.detail ?? 'failed'}`;
    case 'interrupted':
      return `✖ ${who(n)}: interrupted: ${n.detail ?? ''}`;
  }
}

/** The report as a person reads it. */
export function renderRollReport(r: RollReport): string {
  const lines: string[] = [];
  lines.push(`${r.dryRun ? 'plan of a roll' : 'roll'} of cluster '${r.cluster}' (${r.mode}, Kafka ${r.kafkaVersion}): order ${r.order.join(', ') || '(none)'}`);
  for (const w of r.warnings) lines.push(`⚠ ${w}`);
  for (const n of r.nodes) lines.push(nodeLine(n));
  if (r.acked !== null) {
    const v = r.validation;
    lines.push(
      `${r.lost === 0 && r.acked > 0 ? '✔' : '✖'} validation (${v ? `${v.recordsPerSecond} records/s to '${v.topic}', ` : ''}acks=all, idempotent; Kafka's verifiable clients): ${r.acked} acked, ${r.consumed} consumed, ${r.lost} lost; longest stall ${formatMs(r.maxStallMs ?? 0)}${v?.maxStallNode != null ? ` (while ${typeof v.maxStallNode === 'string' ? v.maxStallNode : `node ${v.maxStallNode}`} was away)` : ''}`,
    );
    if (v && v.lostSample.length > 0) lines.push(`  lost values, e.g.: ${v.lostSample.join(', ')}`);
    for (const p of v?.problems ?? []) lines.push(`  ✖ ${p}`);
  }
  if (r.refusal) {
    lines.push(`✖ ${r.refusal.reason}`);
    lines.push(`  try: ${r.refusal.hint}`);
  } else if (r.dryRun) {
    lines.push(`dry run: nothing was touched (${r.nodes.length} node(s) would restart)`);
  } else if (r.ok) {
    lines.push(`rolled ${r.nodes.filter((n) => n.outcome === 'restarted').length} node(s) of '${r.cluster}' in ${formatMs(r.totalMs)}`);
  } else {
    lines.push(`roll of '${r.cluster}' FAILED after ${formatMs(r.totalMs)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The report as JSON, stable field order. */
export function rollReportJson(r: RollReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
