import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { preloadBuildOptions, requiredModules } from './build-electron.js';

describe('preload bundle', () => {
  it('is CommonJS and requires no module but electron', async () => {
    const result = await esbuild.build({ ...preloadBuildOptions(), write: false, sourcemap: false, logLevel: 'silent' });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/^(import|export)\s/m);
    const required = requiredModules(code);
    expect(required).toEqual(['electron']);
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect(required.filter((name) => builtins.has(name))).toEqual([]);
  });

  it('detects requires', () => {
    expect(requiredModules('require("fs"); require(\'electron\'); require("fs")')).toEqual(['electron', 'fs']);
  });
});
