// Read vitest's JSON results: print each test file's duration (a table sorted by time, longest
// first), then the closing "N passed, N failed" line taken from the runner's own counts.
// Usage: node .ci/report.cjs RESULTS.json
const fs = require('fs');
const path = require('path');
const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.log('no vitest results to read');
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const rows = (r.testResults || []).map((t) => {
  const tests = t.assertionResults || [];
  return {
    file: path.relative(process.cwd(), t.name),
    seconds: Math.max(0, ((t.endTime || 0) - (t.startTime || 0)) / 1000),
    passed: tests.filter((a) => a.status === 'passed').length,
    failed: tests.filter((a) => a.status === 'failed').length,
    status: t.status,
  };
});
rows.sort((a, b) => b.seconds - a.seconds);
const width = Math.max(10, ...rows.map((x) => x.file.length));
console.log(`${'test file'.padEnd(width)}  seconds  passed  failed`);
for (const x of rows) {
  console.log(`${x.file.padEnd(width)}  ${x.seconds.toFixed(1).padStart(7)}  ${String(x.passed).padStart(6)}  ${String(x.failed).padStart(6)}${x.status === 'failed' && x.failed === 0 ? '  (file failed to run)' : ''}`);
}
const total = rows.reduce((s, x) => s + x.seconds, 0);
console.log(`${'all files'.padEnd(width)}  ${total.toFixed(1).padStart(7)}`);
const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
// A file that failed to load counts as a failure even though it ran no test.
const failed = r.numFailedTests || (r.numFailedTestSuites || 0);
console.log(`${r.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
