import { ALERT_RULES, type AlertRule } from '../../../stacks/render/monitoring/alert-rules.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/monitoring.md's table of alerts: name, severity, when it fires, first response. */
export function renderAlertTable(rules: readonly AlertRule[] = ALERT_RULES): string {
  return [
    '| alert | severity | fires when (PromQL, held for) | first response |',
    '|---|---|---|---|',
    ...rules.map((r) => `| \`${r.name}\` | ${r.severity} | \`${cell(r.expr)}\` for ${r.for} | ${cell(r.firstResponse)} |`),
  ].join('\n');
}
