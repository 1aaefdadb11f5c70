import type { FiringAlert } from './prometheus-api.ts';

/** `npm run alerts` for a person: one line per alert, firing first, or a line saying none fires. */
export function renderAlerts(cluster: string, list: readonly FiringAlert[]): string {
  const firing = list.filter((a) => a.state === 'firing');
  const pending = list.filter((a) => a.state === 'pending');
  if (list.length === 0) return `cluster '${cluster}': no alert firing\n`;
  const line = (a: FiringAlert): string => {
    const labels = Object.entries(a.labels)
      .filter(([k]) => !['cluster', 'job', 'instance'].includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return `${a.state === 'firing' ? '✘' : '…'} ${a.name} [${a.severity}]${labels ? ` ${labels}` : ''} since ${a.since}: ${a.summary}`;
  };
  const head = `cluster '${cluster}': ${firing.length} firing${pending.length > 0 ? `, ${pending.length} pending` : ''}`;
  return `${[head, ...firing.map(line), ...pending.map(line)].join('\n')}\n`;
}
