import type { VerifyReport } from './check.ts';

/** A readable report, one line per check, then the warnings, then the verdict. */
export function renderReport(r: VerifyReport): string {
  const lines = r.checks.map((c) => `${c.ok ? '✔' : '✖'} ${c.name}: ${c.detail}`);
  for (const w of r.warnings ?? []) lines.push(`⚠ ${w}`);
  const failed = r.checks.filter((c) => !c.ok).length;
  lines.push(
    r.ok
      ? `cluster '${r.cluster}' verified (security ${r.securityMode}): ${r.checks.length} checks passed`
      : `cluster '${r.cluster}' FAILED ${failed} of ${r.checks.length} checks (security ${r.securityMode})`,
  );
  return `${lines.join('\n')}\n`;
}
