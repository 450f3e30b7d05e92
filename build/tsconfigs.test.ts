import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Rule } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The configs `npm run typecheck` checks, by folder ('.' is the root one: tests and tooling). */
const CONFIGS = ['shared', 'electron', 'renderer', '.'] as const;
type ConfigFolder = (typeof CONFIGS)[number];

/** Parses `<folder>/tsconfig.json` (extends resolved, include/exclude expanded). */
function parseConfig(folder: ConfigFolder): ts.ParsedCommandLine {
  const configPath = path.join(root, folder, 'tsconfig.json');
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`);
  expect(
    parsed.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')),
  ).toEqual([]);
  return parsed;
}

const PROBES = {
  process: 'export const probe = process.env;',
  require: "export const probe: unknown = require('fs');",
  Buffer: 'export const probe = Buffer.from([]);',
  __dirname: 'export const probe = __dirname;',
  'node:fs': "export { readFileSync as probe } from 'node:fs';",
  document: 'export const probe = document.title;',
  window: 'export const probe = window.location;',
  setTimeout: 'export const probe = setTimeout;',
} as const;
type Probe = keyof typeof PROBES;

const probeCache = new Map<ConfigFolder, ReadonlyMap<Probe, string[]>>();

/**
 * Type-checks each probe statement as its own file of `folder`, in one program with all of that
 * folder's files (so types that a dependency drags in count too), without writing anything to
 * disk. Returns the error messages of each probe file; memoized per folder.
 */
function probeErrors(folder: ConfigFolder, probe: Probe): string[] {
  let errors = probeCache.get(folder);
  if (errors === undefined) {
    const parsed = parseConfig(folder);
    const directory = path.join(root, folder === '.' ? 'build' : folder);
    const names = Object.keys(PROBES) as Probe[];
    const pathOf = (name: Probe): string =>
      path.join(directory, `typecheck-probe-${name.replace(/\W/g, '')}.ts`);
    const probes = new Map(names.map((name) => [pathOf(name), PROBES[name]]));
    const host = ts.createCompilerHost(parsed.options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) => {
      const code = probes.get(path.resolve(fileName));
      return code === undefined
        ? getSourceFile(fileName, languageVersion, ...rest)
        : ts.createSourceFile(fileName, code, languageVersion);
    };
    host.fileExists = (fileName) => probes.has(path.resolve(fileName)) || fileExists(fileName);
    const program = ts.createProgram({
      rootNames: [...parsed.fileNames, ...probes.keys()],
      options: parsed.options,
      host,
    });
    errors = new Map(
      names.map((name) => {
        const probeFile = program.getSourceFile(pathOf(name));
        if (probeFile === undefined) throw new Error(`probe ${name} is not in the program`);
        const diagnostics = [
          ...program.getSyntacticDiagnostics(probeFile),
          ...program.getSemanticDiagnostics(probeFile),
        ];
        return [
          name,
          diagnostics.map((diagnostic) =>
            ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
          ),
        ];
      }),
    );
    probeCache.set(folder, errors);
  }
  return errors.get(probe) ?? ['probe not run'];
}

const NODE_ONLY: readonly Probe[] = ['process', 'require', 'Buffer', '__dirname', 'node:fs'];
const DOM_ONLY: readonly Probe[] = ['document', 'window'];

/**
 * Each case type-checks a whole folder's program in memory: seconds alone, much more on two busy
 * cores while the other unit test files run, so these cases get a generous bound.
 */
const TYPECHECK_TIMEOUT_MS = 240_000;

describe(
  'runtime tsconfigs (ARCHITECTURE.md, Import rules)',
  { timeout: TYPECHECK_TIMEOUT_MS },
  () => {
    it.each([...NODE_ONLY, ...DOM_ONLY, 'setTimeout' as const])(
      'shared/ cannot use %s',
      (probe) => {
        expect(probeErrors('shared', probe)).not.toEqual([]);
      },
    );

    it.each(NODE_ONLY)('renderer/ cannot use %s', (probe) => {
      expect(probeErrors('renderer', probe)).not.toEqual([]);
    });

    it.each([...DOM_ONLY, 'setTimeout' as const])('renderer/ can use %s', (probe) => {
      expect(probeErrors('renderer', probe)).toEqual([]);
    });

    it.each(DOM_ONLY)('electron/ cannot use %s', (probe) => {
      expect(probeErrors('electron', probe)).not.toEqual([]);
    });

    it.each([...NODE_ONLY, 'setTimeout' as const])('electron/ can use %s', (probe) => {
      expect(probeErrors('electron', probe)).toEqual([]);
    });
  },
);

const SKIP = new Set(['node_modules', 'dist', 'samples', 'test-results', 'artifacts']);

/** Every .ts/.tsx file of the folders the configs cover, relative to the root. */
function sourceFiles(): string[] {
  const found: string[] = readdirSync(root).filter((name) => /\.tsx?$/.test(name));
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory() && !SKIP.has(entry.name)) walk(child);
      else if (entry.isFile() && /\.tsx?$/.test(entry.name)) found.push(child);
    }
  };
  for (const folder of ['shared', 'electron', 'renderer', 'e2e', 'bench', 'build']) walk(folder);
  return found.sort();
}

/** The config that should own a file: its runtime folder's, or the root one for tests and tooling. */
function expectedConfig(file: string): ConfigFolder {
  const isTest = /\.test\.tsx?$/.test(file);
  if (file.startsWith('electron/')) return 'electron';
  if (file.startsWith('shared/') && !isTest) return 'shared';
  if (file.startsWith('renderer/') && !isTest) return 'renderer';
  return '.';
}

describe('tsconfig coverage', { timeout: TYPECHECK_TIMEOUT_MS }, () => {
  it('puts every source file in exactly one config, the one of its runtime', () => {
    const owners = new Map<string, ConfigFolder[]>();
    for (const folder of CONFIGS) {
      for (const fileName of parseConfig(folder).fileNames) {
        const relative = path.relative(root, fileName).split(path.sep).join('/');
        owners.set(relative, [...(owners.get(relative) ?? []), folder]);
      }
    }
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(50);
    const wrong = files.filter(
      (file) => JSON.stringify(owners.get(file) ?? []) !== JSON.stringify([expectedConfig(file)]),
    );
    expect(wrong.map((file) => `${file}: ${JSON.stringify(owners.get(file) ?? [])}`)).toEqual([]);
  });

  it("resolves a file of each kind to its config in ESLint's project service", async () => {
    const files = sourceFiles();
    const samples = [
      files.find((file) => file.startsWith('shared/') && !file.includes('.test.')),
      files.find((file) => file.startsWith('shared/') && file.endsWith('.test.ts')),
      files.find(
        (file) => file.startsWith('renderer/') && file.endsWith('.tsx') && !file.includes('.test.'),
      ),
      files.find((file) => file.startsWith('renderer/') && file.includes('.test.')),
      files.find((file) => file.startsWith('electron/') && !file.includes('.test.')),
      files.find((file) => file.startsWith('e2e/')),
    ].filter((file): file is string => file !== undefined);
    expect(samples).toHaveLength(6);
    // A rule that reports the tsconfig the project service chose for the file it lints.
    const configPath: Rule.RuleModule = {
      create: (context) => ({
        Program: (node) => {
          const services = context.sourceCode.parserServices as
            { program?: ts.Program | null } | undefined;
          const configFilePath = services?.program?.getCompilerOptions().configFilePath;
          context.report({
            node,
            message: typeof configFilePath === 'string' ? configFilePath : 'no program',
          });
        },
      }),
    };
    const reporter: ESLint.Plugin = { rules: { 'config-path': configPath } };
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: path.join(root, 'eslint.config.js'),
      overrideConfig: {
        files: ['**/*.ts', '**/*.tsx'],
        plugins: { probe: reporter },
        rules: { 'probe/config-path': 'error' },
      },
      ruleFilter: ({ ruleId }) => ruleId === 'probe/config-path',
    });
    const results = await eslint.lintFiles(samples.map((file) => path.join(root, file)));
    const chosen = results.map((result) => {
      const message =
        result.messages.find((finding) => finding.ruleId === 'probe/config-path')?.message ??
        result.messages[0]?.message;
      return `${path.relative(root, result.filePath)} -> ${message === undefined || message === 'no program' ? 'none' : path.relative(root, message)}`;
    });
    expect(chosen).toEqual(
      samples.map((file) => `${file} -> ${path.join(expectedConfig(file), 'tsconfig.json')}`),
    );
  });
});
