import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The `poc-studio` bin, as `npm run poc-studio` runs it. */
export const BIN = path.join(ROOT, 'bin', 'poc-studio.js');

/** What one CLI run printed and its exit code. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI to completion with `args` (for tests); resolves with its exit code and output.
 * @param env the child's environment (default: the test process's).
 */
export function runCli(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(env === undefined ? {} : { env }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts `poc-studio sandbox --port 0 --data-dir DIR [...extraArgs]` and resolves once it
 * printed its endpoint (`http://127.0.0.1:PORT`); rejects when it exits first (with its stderr).
 */
export async function startCliSandbox(
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<{ child: ChildProcessWithoutNullStreams; endpoint: string; stdout: () => string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'sandbox', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
      if (match !== null) resolve(match[0]);
    });
    child.on('close', (code) =>
      reject(
        new Error(`sandbox exited with ${String(code)} before printing its endpoint: ${stderr}`),
      ),
    );
  });
  return { child, endpoint, stdout: () => stdout };
}
