/**
 * The dashboards as data: one JSON file per dashboard in stacks/monitoring/dashboards/, listed in
 * order by its index.json, drawn by the page of stacks/monitoring/page/ (plain browser JavaScript
 * over uPlot) that Prometheus serves from its user assets under /user/. This module holds their
 * shape, a validator whose every problem names the file, the field, the value and the fix, and the
 * list of files the page needs with where each comes from. Pure: no file is read here.
 */
import { join } from 'node:path';
import { fieldProblem, isName, isObject, orList, show, unknownFields } from '../../model/problems.ts';

/** Which clusters a dashboard is for: every one, KRaft ones, or ZooKeeper ones. */
export const DASHBOARD_APPLIES = ['all', 'kraft', 'zookeeper'] as const;
export type DashboardApplies = (typeof DASHBOARD_APPLIES)[number];

/** How a panel's values are shown (ratio as a percentage). */
export const PANEL_UNITS = ['bytes', 'bytes/s', 'ops/s', 'ms', 'ratio', 'count', 'seconds'] as const;
export type PanelUnit = (typeof PANEL_UNITS)[number];

/** A time series chart, or the last value in large type. */
export const PANEL_KINDS = ['line', 'stat'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/**
 * Where a panel's border turns amber (warn) and red (crit), judged on the last values. With crit
 * at or above warn, higher is worse; with crit below warn, lower is worse (an idle ratio).
 */
export interface PanelThresholds {
  readonly warn?: number;
  readonly crit?: number;
}

export interface DashboardPanel {
  /** Unique in its dashboard: lower-case letters, digits and dashes. */
  readonly id: string;
  readonly title: string;
  /** PromQL, run as a range query over the last 15 minutes. */
  readonly query: string;
  /** Each series' name, from its labels: e.g. "{{node}}" or "{{group}} {{topic}}". */
  readonly legend: string;
  readonly unit: PanelUnit;
  readonly thresholds?: PanelThresholds;
  /** @default 'line' */
  readonly kind?: PanelKind;
}

export interface Dashboard {
  /** The file's name without `.json`. */
  readonly id: string;
  readonly title: string;
  readonly applies: DashboardApplies;
  readonly panels: readonly DashboardPanel[];
}

/** index.json: the dashboards' files, in the order of the page's tabs. */
export interface DashboardIndex {
  readonly dashboards: readonly string[];
}

/** The folders of the page and of the dashboards, relative to the repository root. */
export const DASHBOARD_DIRS = {
  page: 'stacks/monitoring/page',
  dashboards: 'stacks/monitoring/dashboards',
  uplot: 'node_modules/uplot/dist',
} as const;

/** The dashboards, in index.json's order. */
export const DASHBOARD_FILES = ['overview.json', 'brokers.json', 'topics.json', 'consumer-lag.json', 'kraft.json', 'zookeeper.json'] as const;

const PAGE_OWN_FILES = ['index.html', 'dashboards.js', 'dashboards.css'] as const;
const UPLOT_FILES = ['uPlot.iife.min.js', 'uPlot.min.css'] as const;

/** Every file the page needs, relative to Prometheus's user-assets folder (served under /user/). */
export const DASHBOARD_PAGE_FILES: readonly string[] = [
  ...PAGE_OWN_FILES,
  ...UPLOT_FILES,
  'dashboards/index.json',
  ...DASHBOARD_FILES.map((f) => `dashboards/${f}`),
];

/** Each of DASHBOARD_PAGE_FILES with its source: the page folder, uPlot's dist folder, or the dashboards folder. */
export function dashboardSources(repoRoot: string): { file: string; source: string }[] {
  return DASHBOARD_PAGE_FILES.map((file) => {
    if (file.startsWith('dashboards/')) return { file, source: join(repoRoot, DASHBOARD_DIRS.dashboards, file.slice('dashboards/'.length)) };
    if ((UPLOT_FILES as readonly string[]).includes(file)) return { file, source: join(repoRoot, DASHBOARD_DIRS.uplot, file) };
    return { file, source: join(repoRoot, DASHBOARD_DIRS.page, file) };
  });
}

// ---------------------------------------------------------------------------------------------
// Validation

const DASHBOARD_FIELDS = ['id', 'title', 'applies', 'panels'] as const;
const PANEL_FIELDS = ['id', 'title', 'query', 'legend', 'unit', 'thresholds', 'kind'] as const;
const THRESHOLD_FIELDS = ['warn', 'crit'] as const;
const ID = /^[a-z0-9][a-z0-9-]*$/;
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const PAIRS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** What is wrong with a PromQL string's brackets and quotes, if anything (no full parse). */
export function promqlShapeProblem(query: string): string | undefined {
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const c = query[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') open.push(c);
    else if (c in PAIRS && open.pop() !== PAIRS[c]) return `has an unmatched '${c}'`;
  }
  if (quote) return `has an unclosed ${quote} quote`;
  return open.length > 0 ? `has an unclosed '${open[open.length - 1]}'` : undefined;
}

function textProblems(obj: Record<string, unknown>, key: string, at: string, example: string): string[] {
  return isName(obj[key]) && (obj[key] as string).trim() !== '' ? [] : [fieldProblem(`${at}${key}`, obj[key], `must be a non-empty string: e.g. "${key}": ${example}`)];
}

function oneOfProblem(value: unknown, field: string, allowed: readonly string[], what: string): string[] {
  return typeof value === 'string' && allowed.includes(value) ? [] : [fieldProblem(field, value, `is not ${what}: use ${orList(allowed.map((a) => `'${a}'`))}`)];
}

function legendProblems(legend: unknown, at: string): string[] {
  if (typeof legend !== 'string' || legend.trim() === '') {
    return [fieldProblem(`${at}legend`, legend, 'must be a label template: e.g. "legend": "{{node}}" (a label name in double braces)')];
  }
  const bad = [...legend.matchAll(PLACEHOLDER)].map((m) => m[1] as string).filter((name) => !LABEL_NAME.test(name));
  if (bad.length > 0) return [fieldProblem(`${at}legend`, legend, `has ${show(bad[0])}, not a label name, in braces: write labels as {{node}}, {{topic}}`)];
  if (/\{\{|\}\}/.test(legend.replace(PLACEHOLDER, ''))) return [fieldProblem(`${at}legend`, legend, 'has an unpaired {{ or }}: write labels as {{node}}')];
  return [];
}

function thresholdProblems(t: unknown, at: string): string[] {
  if (t === undefined) return [];
  const field = `${at}thresholds`;
  if (!isObject(t)) return [fieldProblem(field, t, 'must be an object: e.g. "thresholds": { "warn": 1, "crit": 5 }')];
  const problems = unknownFields(t, THRESHOLD_FIELDS, `${field}.`, 'remove it (known: warn, crit)');
  for (const k of THRESHOLD_FIELDS) {
    const v = t[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) problems.push(fieldProblem(`${field}.${k}`, v, 'must be a number: e.g. 0.8'));
  }
  if (t.warn === undefined && t.crit === undefined) problems.push(fieldProblem(field, t, 'sets neither warn nor crit: give one, or remove thresholds'));
  return problems;
}

function panelProblems(panel: unknown, i: number, seen: Set<string>): string[] {
  const at = `panels[${i}].`;
  if (!isObject(panel)) return [fieldProblem(`panels[${i}]`, panel, 'must be an object: e.g. { "id": "bytes-in", "title": "…", "query": "…", "legend": "{{node}}", "unit": "bytes/s" }')];
  const problems = unknownFields(panel, PANEL_FIELDS, at, `remove it (known: ${PANEL_FIELDS.join(', ')})`);
  const id = panel.id;
  if (typeof id !== 'string' || !ID.test(id)) problems.push(fieldProblem(`${at}id`, id, 'is not an id: use lower-case letters, digits and dashes, e.g. "bytes-in"'));
  else if (seen.has(id)) problems.push(fieldProblem(`${at}id`, id, 'is used by an earlier panel: give each panel its own id'));
  else seen.add(id);
  problems.push(...textProblems(panel, 'title', at, '"Bytes in"'));
  if (typeof panel.query !== 'string' || panel.query.trim() === '') {
    problems.push(fieldProblem(`${at}query`, panel.query, 'must be a PromQL expression: e.g. "query": "sum by (node) (rate(kafka_server_brokertopicmetrics_bytesin_total[1m]))"'));
  } else {
    const shape = promqlShapeProblem(panel.query);
    if (shape) problems.push(fieldProblem(`${at}query`, panel.query, `${shape}: close every bracket and quote`));
  }
  problems.push(...legendProblems(panel.legend, at));
  problems.push(...oneOfProblem(panel.unit, `${at}unit`, PANEL_UNITS, 'a unit'));
  problems.push(...thresholdProblems(panel.thresholds, at));
  if (panel.kind !== undefined) problems.push(...oneOfProblem(panel.kind, `${at}kind`, PANEL_KINDS, 'a panel kind'));
  return problems;
}

/**
 * Every problem of a dashboard, each as `<file>: '<field>' (<value>) <what is wrong>: <fix>`.
 * @param file the dashboard's file name. @default `<id>.json`, or 'dashboard' without an id
 */
export function dashboardProblems(d: unknown, file?: string): string[] {
  const name = file ?? (isObject(d) && isName(d.id) ? `${d.id}.json` : 'dashboard');
  const problems = dashboardOwnProblems(d, name);
  return problems.map((p) => `${name}: ${p}`);
}

function dashboardOwnProblems(d: unknown, file: string): string[] {
  if (!isObject(d)) return [fieldProblem('(top level)', d, 'must be an object: { "id", "title", "applies", "panels" }')];
  const problems = unknownFields(d, DASHBOARD_FIELDS, '', `remove it (known: ${DASHBOARD_FIELDS.join(', ')})`);
  const stem = file.replace(/^.*\//, '').replace(/\.json$/, '');
  if (typeof d.id !== 'string' || !ID.test(d.id)) problems.push(fieldProblem('id', d.id, `is not an id: use the file's name without .json, '${stem}'`));
  else if (d.id !== stem) problems.push(fieldProblem('id', d.id, `differs from the file's name: use '${stem}', or rename the file ${d.id}.json`));
  problems.push(...textProblems(d, 'title', '', '"Brokers"'));
  problems.push(...oneOfProblem(d.applies, 'applies', DASHBOARD_APPLIES, 'a cluster kind'));
  if (!Array.isArray(d.panels) || d.panels.length === 0) {
    problems.push(fieldProblem('panels', d.panels, 'must be a non-empty list of panels: e.g. "panels": [{ "id": "up", … }]'));
  } else {
    const seen = new Set<string>();
    d.panels.forEach((p, i) => problems.push(...panelProblems(p, i, seen)));
  }
  return problems;
}

/** Problems of index.json against the dashboard files present in the folder. */
export function dashboardIndexProblems(index: unknown, present: readonly string[]): string[] {
  const at = 'index.json';
  if (!isObject(index) || !Array.isArray(index.dashboards)) {
    return [`${at}: ${fieldProblem('dashboards', isObject(index) ? index.dashboards : index, 'must be a list of file names: e.g. { "dashboards": ["overview.json"] }')}`];
  }
  const listed = index.dashboards as unknown[];
  const problems = unknownFields(index, ['dashboards'], '', 'remove it (known: dashboards)');
  listed.forEach((f, i) => {
    if (typeof f !== 'string' || !present.includes(f)) problems.push(fieldProblem(`dashboards[${i}]`, f, `is not a dashboard file of the folder: use one of ${orList(present.map((p) => `'${p}'`))}`));
    else if (listed.indexOf(f) !== i) problems.push(fieldProblem(`dashboards[${i}]`, f, 'is listed twice: list each file once'));
  });
  for (const f of present.filter((p) => !listed.includes(p))) problems.push(fieldProblem('dashboards', listed, `misses ${show(f)}: list every dashboard file, in tab order`));
  return problems.map((p) => `${at}: ${p}`);
}
