/** Reading a topic's segment files in a broker container with kafka-dump-log.sh. */
import { DATA_DIR } from '../../../../../stacks/render/server-properties.ts';
import { describePartitions } from '../../../kafka/index.ts';
import { QUICK_TOOL_JVM, lastLine } from './context.ts';
import { parseDumpLog, type BatchInfo } from './dump-log.ts';
import { nodeHealth } from './nodes.ts';
import type { DrillContext } from './types.ts';

/**
 * The record batches of every partition of `topic` (or only of `only`), dumped from one broker
 * that holds an in-sync replica of each (one JVM for all the segment files).
 */
export async function topicBatches(ctx: DrillContext, topic: string, only?: readonly number[]): Promise<BatchInfo[]> {
  const parts = (await describePartitions(await ctx.live(), [topic])).filter((p) => !only || only.includes(p.partition));
  const up = (await nodeHealth(ctx.cluster)).filter((n) => n.broker && n.up);
  const holder = up.find((n) => parts.every((p) => p.isr.includes(n.id)));
  const holders = holder ? [holder] : [...new Set(parts.map((p) => up.find((n) => n.id === p.leader)).filter((n) => n !== undefined))];
  const batches: BatchInfo[] = [];
  for (const n of holders) {
    const mine = holder ? parts : parts.filter((p) => p.leader === n.id);
    const globs = mine.map((p) => `${DATA_DIR}/${topic}-${p.partition}/*.log`).join(' ');
    const script = `files=$(ls -1 ${globs} 2>/dev/null | paste -sd, -); [ -n "$files" ] || exit 0; exec env ${QUICK_TOOL_JVM.map((e) => `'${e}'`).join(' ')} kafka-dump-log.sh --files "$files"`;
    const r = await ctx.exec(n.container, ['bash', '-c', script], { timeoutMs: 120_000 });
    if (r.exitCode !== 0) throw new Error(`kafka-dump-log.sh in ${n.container} failed: ${lastLine(r.stderr)}`);
    batches.push(...parseDumpLog(r.stdout));
  }
  return batches;
}
