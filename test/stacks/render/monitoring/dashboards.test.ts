import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../../scripts/lib/core/paths.ts';
import {
  DASHBOARD_DIRS,
  DASHBOARD_FILES,
  DASHBOARD_PAGE_FILES,
  dashboardIndexProblems,
  dashboardProblems,
  dashboardSources,
  promqlShapeProblem,
} from '../../../../stacks/render/monitoring/dashboards.ts';

const panel = { id: 'bytes-in', title: 'Bytes in', query: 'sum by (node) (rate(kafka_server_brokertopicmetrics_bytesin_total[1m]))', legend: '{{node}}', unit: 'bytes/s' };
const good = { id: 'brokers', title: 'Brokers', applies: 'all', panels: [panel] };
const dashboardsDir = join(projectRoot, DASHBOARD_DIRS.dashboards);
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8'));

describe('dashboardProblems', () => {
  it('accepts a good dashboard, with or without thresholds and kind', () => {
    expect(dashboardProblems(good, 'brokers.json')).toEqual([]);
    const withExtras = { ...good, panels: [{ ...panel, thresholds: { warn: 0.3, crit: 0.1 }, kind: 'stat' }] };
    expect(dashboardProblems(withExtras)).toEqual([]);
  });

  it('names the file, the field, the value and the fix', () => {
    expect(dashboardProblems({ ...good, applies: 'kafka' }, 'brokers.json')).toEqual([
      "brokers.json: 'applies' ('kafka') is not a cluster kind: use 'all', 'kraft' or 'zookeeper'",
    ]);
    expect(dashboardProblems({ ...good, panels: [{ ...panel, unit: 'percent' }] }, 'brokers.json')).toEqual([
      "brokers.json: 'panels[0].unit' ('percent') is not a unit: use 'bytes', 'bytes/s', 'ops/s', 'ms', 'ratio', 'count' or 'seconds'",
    ]);
    expect(dashboardProblems({ ...good, panels: [{ ...panel, kind: 'pie' }] }, 'brokers.json')).toEqual([
      "brokers.json: 'panels[0].kind' ('pie') is not a panel kind: use 'line' or 'stat'",
    ]);
  });

  it('takes the file name from the id when not given', () => {
    expect(dashboardProblems({ ...good, title: '' })).toEqual([`brokers.json: 'title' ('') must be a non-empty string: e.g. "title": "Brokers"`]);
    expect(dashboardProblems(42)).toEqual(['dashboard: \'(top level)\' (42) must be an object: { "id", "title", "applies", "panels" }']);
  });

  it('wants the id to be the file name', () => {
    expect(dashboardProblems(good, 'dashboards/topics.json')).toEqual([
      "dashboards/topics.json: 'id' ('brokers') differs from the file's name: use 'topics', or rename the file brokers.json",
    ]);
    expect(dashboardProblems({ ...good, id: 'Brokers!' }, 'brokers.json')).toEqual([
      "brokers.json: 'id' ('Brokers!') is not an id: use the file's name without .json, 'brokers'",
    ]);
  });

  it('finds unknown fields, a missing panel list and duplicate panel ids', () => {
    expect(dashboardProblems({ ...good, panel: [] }, 'brokers.json')).toEqual([
      "brokers.json: unknown field 'panel': remove it (known: id, title, applies, panels)",
    ]);
    expect(dashboardProblems({ ...good, panels: [] }, 'brokers.json')).toEqual([
      `brokers.json: 'panels' ([]) must be a non-empty list of panels: e.g. "panels": [{ "id": "up", … }]`,
    ]);
    expect(dashboardProblems({ ...good, panels: [panel, { ...panel, title: 'Again' }] }, 'brokers.json')).toEqual([
      "brokers.json: 'panels[1].id' ('bytes-in') is used by an earlier panel: give each panel its own id",
    ]);
    expect(dashboardProblems({ ...good, panels: [{ ...panel, threshold: { warn: 1 } }] }, 'brokers.json')).toEqual([
      "brokers.json: unknown field 'panels[0].threshold': remove it (known: id, title, query, legend, unit, thresholds, kind)",
    ]);
  });

  it('checks the PromQL for unclosed brackets and quotes', () => {
    expect(dashboardProblems({ ...good, panels: [{ ...panel, query: 'sum(rate(x[1m])' }] }, 'brokers.json')).toEqual([
      "brokers.json: 'panels[0].query' ('sum(rate(x[1m])') has an unclosed '(': close every bracket and quote",
    ]);
    expect(dashboardProblems({ ...good, panels: [{ ...panel, query: 'up{job="kafka}' }] }, 'brokers.json')).toEqual([
      `brokers.json: 'panels[0].query' ('up{job="kafka}') has an unclosed " quote: close every bracket and quote`,
    ]);
    expect(dashboardProblems({ ...good, panels: [{ ...panel, query: ' ' }] }, 'brokers.json')[0]).toMatch(/^brokers\.json: 'panels\[0\]\.query' \(' '\) must be a PromQL expression: e\.g\. /);
    expect(promqlShapeProblem('x{a="(}"}')).toBeUndefined();
    expect(promqlShapeProblem('x[1m])')).toBe("has an unmatched ')'");
  });

  it('checks the legend template', () => {
    expect(dashboardProblems({ ...good, panels: [{ ...panel, legend: '{{node id}}' }] }, 'brokers.json')).toEqual([
      "brokers.json: 'panels[0].legend' ('{{node id}}') has 'node id', not a label name, in braces: write labels as {{node}}, {{topic}}",
    ]);
    expect(dashboardProblems({ ...good, panels: [{ ...panel, legend: '{{node}' }] }, 'brokers.json')).toEqual([
      "brokers.json: 'panels[0].legend' ('{{node}') has an unpaired {{ or }}: write labels as {{node}}",
    ]);
    expect(dashboardProblems({ ...good, panels: [{ ...panel, legend: '' }] }, 'brokers.json')).toEqual([
      `brokers.json: 'panels[0].legend' ('') must be a label template: e.g. "legend": "{{node}}" (a label name in double braces)`,
    ]);
  });

  it('checks thresholds', () => {
    const withThresholds = (thresholds: unknown) => ({ ...good, panels: [{ ...panel, thresholds }] });
    expect(dashboardProblems(withThresholds({ warn: '80%' }), 'brokers.json')).toEqual([
      "brokers.json: 'panels[0].thresholds.warn' ('80%') must be a number: e.g. 0.8",
    ]);
    expect(dashboardProblems(withThresholds({}), 'brokers.json')).toEqual([
      "brokers.json: 'panels[0].thresholds' ({}) sets neither warn nor crit: give one, or remove thresholds",
    ]);
    expect(dashboardProblems(withThresholds({ warn: 1, critical: 2 }), 'brokers.json')).toEqual([
      "brokers.json: unknown field 'panels[0].thresholds.critical': remove it (known: warn, crit)",
    ]);
    expect(dashboardProblems(withThresholds(3), 'brokers.json')).toEqual([
      `brokers.json: 'panels[0].thresholds' (3) must be an object: e.g. "thresholds": { "warn": 1, "crit": 5 }`,
    ]);
  });
});

describe('dashboardIndexProblems', () => {
  const present = ['a.json', 'b.json'];
  it('wants every file listed once, and only files present', () => {
    expect(dashboardIndexProblems({ dashboards: ['b.json', 'a.json'] }, present)).toEqual([]);
    expect(dashboardIndexProblems({ dashboards: ['a.json', 'a.json', 'c.json'] }, present)).toEqual([
      "index.json: 'dashboards[1]' ('a.json') is listed twice: list each file once",
      "index.json: 'dashboards[2]' ('c.json') is not a dashboard file of the folder: use one of 'a.json' or 'b.json'",
      `index.json: 'dashboards' (["a.json","a.json","c.json"]) misses 'b.json': list every dashboard file, in tab order`,
    ]);
    expect(dashboardIndexProblems(['a.json'], present)).toEqual([
      `index.json: 'dashboards' (["a.json"]) must be a list of file names: e.g. { "dashboards": ["overview.json"] }`,
    ]);
  });
});

describe('the dashboards of the repository', () => {
  const files = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json') && f !== 'index.json');

  it.each(files)('%s passes dashboardProblems', (file) => {
    expect(dashboardProblems(readJson(file), file)).toEqual([]);
  });

  it('index.json lists exactly the files present, in DASHBOARD_FILES order', () => {
    expect(dashboardIndexProblems(readJson('index.json'), files)).toEqual([]);
    expect((readJson('index.json') as { dashboards: string[] }).dashboards).toEqual([...DASHBOARD_FILES]);
  });

  it('has one dashboard for KRaft clusters and one for ZooKeeper ones', () => {
    expect((readJson('kraft.json') as { applies: string }).applies).toBe('kraft');
    expect((readJson('zookeeper.json') as { applies: string }).applies).toBe('zookeeper');
  });
});

describe('the page files', () => {
  it('maps each file to the page folder, uPlot or the dashboards folder', () => {
    const sources = dashboardSources('/repo');
    expect(sources.map((s) => s.file)).toEqual([...DASHBOARD_PAGE_FILES]);
    expect(sources.slice(0, 6)).toEqual([
      { file: 'index.html', source: '/repo/stacks/monitoring/page/index.html' },
      { file: 'dashboards.js', source: '/repo/stacks/monitoring/page/dashboards.js' },
      { file: 'dashboards.css', source: '/repo/stacks/monitoring/page/dashboards.css' },
      { file: 'uPlot.iife.min.js', source: '/repo/node_modules/uplot/dist/uPlot.iife.min.js' },
      { file: 'uPlot.min.css', source: '/repo/node_modules/uplot/dist/uPlot.min.css' },
      { file: 'dashboards/index.json', source: '/repo/stacks/monitoring/dashboards/index.json' },
    ]);
    expect(sources).toContainEqual({ file: 'dashboards/kraft.json', source: '/repo/stacks/monitoring/dashboards/kraft.json' });
  });

  it('finds every source in this checkout', () => {
    expect(dashboardSources(projectRoot).filter((s) => !existsSync(s.source))).toEqual([]);
  });

  it('the page references the uPlot files by the names it is given', () => {
    const html = readFileSync(join(projectRoot, DASHBOARD_DIRS.page, 'index.html'), 'utf8');
    for (const f of ['uPlot.iife.min.js', 'uPlot.min.css', 'dashboards.js', 'dashboards.css']) expect(html).toContain(`"${f}"`);
  });
});
