#!/usr/bin/env node
// The README's test command (`npm test`): lint, typecheck, then the unit, integration and e2e
// suites of Vitest in turn. Fails when any step fails or any suite ran no test, and closes
// with one plain "N passed, N failed, N skipped" line for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

/** Runs one command with inherited output; returns its exit code. */
function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) {
    console.error(`${label} could not start: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/**
 * Electron is an optional dependency: where its binary cannot be downloaded, or where Node is
 * older than the package's engines field, `npm install` drops the whole package and `npm start`
 * uses the browser host. Lint and typecheck still need its type declarations, so unpack the
 * package's tarball into node_modules/electron without running its download script.
 */
function ensureElectronTypes() {
  const target = path.join(root, 'node_modules', 'electron');
  if (existsSync(path.join(target, 'electron.d.ts'))) return;
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const range = manifest.optionalDependencies?.electron ?? 'latest';
  console.log(
    `The electron package is missing (npm drops it when its binary download or engine check fails); unpacking electron@${range} for its types only, no binary.`,
  );
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'electron-types-'));
  try {
    if (
      run('electron types', process.platform === 'win32' ? 'npm.cmd' : 'npm', [
        'pack',
        '--silent',
        '--pack-destination',
        scratch,
        `electron@${range}`,
      ]) !== 0
    )
      return;
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) return;
    mkdirSync(target, { recursive: true });
    run('electron types', 'tar', [
      '-xzf',
      path.join(scratch, tarball),
      '-C',
      target,
      '--strip-components=1',
    ]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const failures = [];
if (wanted('lint') || wanted('typecheck')) ensureElectronTypes();
const totals = { passed: 0, failed: 0, skipped: 0 };
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (wanted('lint')) {
  // Both run even when ESLint fails, so one pass shows every lint and format problem.
  const eslintCode = run('lint', npx, ['eslint', '.', '--max-warnings', '0']);
  const prettierCode = run('format', npx, ['prettier', '--check', '.']);
  if (eslintCode !== 0 || prettierCode !== 0) failures.push('lint');
}
// One tsconfig per runtime folder (shared/, electron/, renderer/) plus the root one for tests and tooling.
if (
  wanted('typecheck') &&
  run('typecheck', process.execPath, [path.join(root, 'bin', 'typecheck.js')]) !== 0
) {
  failures.push('typecheck');
}
if (wanted('e2e') && run('build renderer', npx, ['vite', 'build', '--logLevel', 'warn']) !== 0) {
  failures.push('build renderer');
}

mkdirSync(resultsDir, { recursive: true });
for (const suite of ['unit', 'integration', 'e2e']) {
  if (!wanted(suite)) continue;
  const report = path.join(resultsDir, `${suite}.json`);
  rmSync(report, { force: true });
  const code = run(`${suite} tests`, npx, [
    'vitest',
    'run',
    '--project',
    suite,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
  ]);
  let counts;
  try {
    counts = JSON.parse(readFileSync(report, 'utf8'));
  } catch (error) {
    console.error(
      `${suite}: no report at ${report} (${error instanceof Error ? error.message : String(error)})`,
    );
    failures.push(suite);
    continue;
  }
  const passed = counts.numPassedTests ?? 0;
  const failed = counts.numFailedTests ?? 0;
  const skipped = (counts.numPendingTests ?? 0) + (counts.numTodoTests ?? 0);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  console.log(`${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (code !== 0) {
    failures.push(suite);
    if (failed === 0) totals.failed += 1; // e.g. a file that failed to load
  } else if (passed === 0) {
    console.error(`${suite}: the suite ran no test; that counts as a failure.`);
    failures.push(`${suite} (no tests)`);
  }
}

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join(', ')}`);
// Steps that failed without a failing test (lint, typecheck, build, empty suite) count once each.
const stepFailures = failures.filter(
  (name) => !['unit', 'integration', 'e2e'].includes(name),
).length;
console.log(
  `${totals.passed} passed, ${totals.failed + stepFailures} failed, ${totals.skipped} skipped`,
);
process.exit(failures.length > 0 ? 1 : 0);
