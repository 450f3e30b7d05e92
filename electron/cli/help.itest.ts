/**
 * `poc-studio <command> --help` prints that command's usage and exits 0, for every command the
 * top-level usage lists; `--help` after `--` is an argument, not a request for help.
 */
import { readFile } from 'node:fs/promises';
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

  it("README's Command line section names every command and option --help prints", async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('## Command line');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const commands = [...stdout.matchAll(/^ {2}([a-z]+)\b/gmu)].map((match) => match[1]);
    expect(commands).toEqual(COMMANDS);
    const options = new Set([...stdout.matchAll(/--[a-z][a-z-]*/gu)].map((match) => match[0]));
    expect(options.size).toBeGreaterThan(20);
    const missing = [
      ...commands.filter((command) => !section.includes(`poc-studio -- ${command} `)),
      ...[...options].filter((option) => !section.includes(option)),
    ];
    expect(missing).toEqual([]);
  });

  it('--help after -- is a positional argument', async () => {
    const { code, stderr } = await runCli(['validate', '--', '--help']);
    expect(code).toBe(1);
    expect(stderr).toContain('--help');
  });
});
