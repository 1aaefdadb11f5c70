/**
 * A vitest reporter that writes each test file's cost (wall time of its tests and hooks, plus its
 * import) and its passed and failed counts as JSON, for the table .ci/run prints. The file:
 * KAFKALAB_FILE_TIMES, else .kafkalab/ci/file-times.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export interface FileTime {
  readonly file: string;
  readonly project: string;
  readonly seconds: number;
  readonly passed: number;
  readonly failed: number;
  readonly state: string;
}

export function fileTimeOf(m: TestModule, root: string): FileTime {
  const d = m.diagnostic();
  const tests = [...m.children.allTests()];
  return {
    file: relative(root, m.moduleId),
    project: m.project.name,
    seconds: Math.round((d.prepareDuration + d.collectDuration + d.setupDuration + d.duration) / 100) / 10,
    passed: tests.filter((t) => t.result().state === 'passed').length,
    failed: tests.filter((t) => t.result().state === 'failed').length,
    state: m.state(),
  };
}

export default class FileTimesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const path = resolve(process.env.KAFKALAB_FILE_TIMES ?? '.kafkalab/ci/file-times.json');
    mkdirSync(dirname(path), { recursive: true });
    const rows = modules.map((m) => fileTimeOf(m, process.cwd())).sort((a, b) => b.seconds - a.seconds);
    writeFileSync(path, `${JSON.stringify(rows, null, 2)}\n`);
  }
}
