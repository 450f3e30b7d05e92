import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mainBuildOptions, preloadBuildOptions, requiredModules } from './build-electron.js';

describe('preload bundle', () => {
  it('is CommonJS and requires no module but electron', async () => {
    const result = await esbuild.build({
      ...preloadBuildOptions(),
      write: false,
      sourcemap: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/^(import|export)\s/m);
    const required = requiredModules(code);
    expect(required).toEqual(['electron']);
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect(required.filter((name) => builtins.has(name))).toEqual([]);
  });

  it('detects requires', () => {
    expect(requiredModules('require("fs"); require(\'electron\'); require("fs")')).toEqual([
      'electron',
      'fs',
    ]);
  });
});

describe('main bundle', () => {
  it('is ESM with electron and npm packages external, plus the training worker', async () => {
    const result = await esbuild.build({
      ...mainBuildOptions(),
      write: false,
      sourcemap: false,
      logLevel: 'silent',
    });
    const names = result.outputFiles.map((file) => file.path.split('/').slice(-3).join('/')).sort();
    expect(names).toEqual([
      'electron/main/index.js',
      'electron/main/local-evaluation-worker.js',
      'electron/main/training-worker.js',
    ]);
    const main = result.outputFiles.find((file) => file.path.endsWith('index.js'))?.text ?? '';
    expect(main).toMatch(/from "electron"/);
    expect(main).toMatch(/from "@duckdb\/node-api"/);
    expect(main).not.toMatch(/\brequire\(/);
  });
});
