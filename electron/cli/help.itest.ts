/**
 * `poc-studio <command> --help` prints that command's usage and exits 0, for every command the
 * top-level usage lists; `--help` after `--` is an argument, not a request for help.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support.js';

const COMMANDS = [
  'demo',
  'sandbox',
  'validate',
  'prepare',
  'profiles',
  'setup',
  'inventory',
  'teardown',
];

describe('poc-studio <command> --help', () => {
  it.each(COMMANDS)('%s --help prints its usage and exits 0', async (command) => {
    const { code, stdout, stderr } = await runCli([command, '--help']);
    expect(code, stderr).toBe(0);
    expect(stdout.startsWith(`Usage: poc-studio ${command}`)).toBe(true);
    // Only this command's section: no other command's line.
    for (const other of COMMANDS.filter((name) => name !== command)) {
      expect(stdout).not.toMatch(new RegExp(`^  ${other}\\b`, 'mu'));
    }
  });

  it('-h works too, and the section includes the indented description', async () => {
    const { code, stdout } = await runCli(['validate', '-h']);
    expect(code).toBe(0);
    expect(stdout).toContain('Checks a CSV with the service');
  });

  it('--help after -- is a positional argument', async () => {
    const { code, stderr } = await runCli(['validate', '--', '--help']);
    expect(code).toBe(1);
    expect(stderr).toContain('--help');
  });
});
