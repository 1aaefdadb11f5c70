// Print each test file's duration (a table sorted by time, longest first; from the file-times
// reporter, test/reporters/file-times.ts), then the closing "N passed, N failed" line taken from
// vitest's own JSON results.
// Usage: node .ci/report.cjs VITEST-RESULTS.json FILE-TIMES.json
const fs = require('fs');
const [resultsPath, timesPath] = process.argv.slice(2);
const read = (p) => (p && fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : undefined);
const r = read(resultsPath);
const rows = read(timesPath) || [];
if (rows.length > 0) {
  const width = Math.max(10, ...rows.map((x) => x.file.length));
  console.log(`${'test file'.padEnd(width)}  seconds  passed  failed`);
  for (const x of rows) {
    const note = x.state === 'failed' && x.failed === 0 ? '  (file failed to run)' : '';
    console.log(`${x.file.padEnd(width)}  ${x.seconds.toFixed(1).padStart(7)}  ${String(x.passed).padStart(6)}  ${String(x.failed).padStart(6)}${note}`);
  }
  const sum = (project) => rows.filter((x) => x.project === project).reduce((s, x) => s + x.seconds, 0);
  console.log(`sum of files: unit ${sum('unit').toFixed(1)} s, e2e ${sum('e2e').toFixed(1)} s (e2e files run two at a time)`);
} else {
  console.log('no per-file times were written');
}
if (!r) {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
// The tests that failed, last, so that a tail of this output names them with their first lines.
const failures = (r.testResults || []).flatMap((file) =>
  (file.assertionResults || [])
    .filter((t) => t.status === 'failed')
    .map((t) => ({ file: file.name, name: t.fullName || t.title, message: (t.failureMessages || [])[0] || '' })),
);
for (const f of (r.testResults || []).filter((x) => x.status === 'failed' && !(x.assertionResults || []).length)) {
  failures.push({ file: f.name, name: '(file failed to run)', message: f.message || '' });
}
if (failures.length > 0) {
  console.log(`failed tests (${failures.length}):`);
  for (const f of failures) {
    console.log(`- ${require('path').relative(process.cwd(), f.file)} > ${f.name}`);
    for (const line of String(f.message).split('\n').filter((l) => l.trim()).slice(0, 6)) {
      console.log(`    ${line.slice(0, 200)}`);
    }
  }
}
const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
// A file that failed to load counts as a failure even though it ran no test.
const failed = r.numFailedTests || (r.numFailedTestSuites || 0);
console.log(`${r.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
