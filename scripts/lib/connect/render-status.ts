import type { ConnectStatus } from './status.ts';

/** `npm run connect -- status` for a person: the workers, the connectors with their tasks, then the errors. */
export function renderConnectStatus(cluster: string, status: ConnectStatus): string {
  const up = status.workers.filter((w) => w.ok).length;
  const lines = [`cluster '${cluster}': Connect group '${status.groupId}', ${up} of ${status.workers.length} worker${status.workers.length === 1 ? '' : 's'} answering`, 'workers:'];
  lines.push(
    ...table(status.workers.map((w) => [w.ok ? '✔' : '✘', w.name, w.restUrl, w.ok ? (w.version ?? '') : (w.error ?? 'not answering')])).map((l) => `  ${l}`),
  );
  if (status.connectors.length === 0) {
    lines.push('connectors: none');
  } else {
    lines.push('connectors:');
    const rows = status.connectors.map((c) => [
      c.state === 'RUNNING' && c.tasks.every((t) => t.state === 'RUNNING') ? '✔' : '✘',
      c.name,
      c.type,
      c.state,
      c.workerId,
      c.tasks.length === 0 ? 'no tasks' : c.tasks.map((t) => `${t.id} ${t.state}`).join(', '),
    ]);
    lines.push(...table([['', 'NAME', 'TYPE', 'STATE', 'WORKER', 'TASKS'], ...rows]).map((l) => `  ${l}`));
  }
  const errors = status.connectors.flatMap((c) => [
    ...(c.lastError ? [`${c.name}: ${c.lastError}`] : []),
    ...c.tasks.filter((t) => t.error).map((t) => `${c.name} task ${t.id} (${t.workerId}): ${t.error}`),
  ]);
  if (errors.length > 0) lines.push('errors:', ...errors.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

/** Columns padded to their widest cell; trailing spaces trimmed. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, r) => r.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}
