#!/usr/bin/env node
// `npm run typecheck`: checks every folder with its own tsconfig (ARCHITECTURE.md, Import rules),
// in parallel, and fails when any of them fails. Arguments pick configs by folder
// (`node bin/typecheck.js shared renderer`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** shared/: ES2023 only; electron/: Node; renderer/: DOM; the root one: tests and tooling. */
const PROJECTS = ['shared', 'electron', 'renderer', '.'];

/**
 * Runs `tsc -p <folder> --noEmit`, buffering its output so parallel runs do not interleave.
 * @param {string} folder
 * @returns {Promise<{ folder: string, code: number, output: string }>}
 */
function check(folder) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [tsc, '-p', path.join(folder, 'tsconfig.json'), '--noEmit', '--pretty', 'false'],
      { cwd: root },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('error', (error) =>
      resolve({ folder, code: 1, output: `${output}${error.message}\n` }),
    );
    child.on('close', (code) => resolve({ folder, code: code ?? 1, output }));
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((folder) => !PROJECTS.includes(folder));
if (unknown.length > 0) {
  console.error(`Unknown tsconfig folder: ${unknown.join(', ')} (known: ${PROJECTS.join(', ')})`);
  process.exit(2);
}
const results = await Promise.all((wanted.length > 0 ? wanted : PROJECTS).map(check));
for (const { folder, code, output } of results) {
  const name = path.join(folder, 'tsconfig.json');
  console.log(code === 0 ? `typecheck ${name}: ok` : `typecheck ${name}: failed`);
  if (output.trim() !== '') console.log(output.trimEnd());
}
process.exit(results.every(({ code }) => code === 0) ? 0 : 1);
