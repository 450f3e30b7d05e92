import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Probe paths: never written to disk, linted as if they were there (type-aware, electron/tsconfig.json). */
const CORE = 'electron/core/lint-probe.ts';
const IPC = 'electron/main/ipc/lint-probe.ts';
const PRELOAD = 'electron/preload/lint-probe.ts';

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: path.join(root, 'eslint.config.js'),
  overrideConfig: {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [CORE, IPC, PRELOAD],
          defaultProject: 'electron/tsconfig.json',
        },
      },
    },
  },
});

/** Lints `code` as the file `filePath` and returns "ruleId: message" for each finding. */
async function findings(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map(
    (message) => `${message.ruleId ?? 'fatal'}: ${message.message}`,
  );
}

/** The findings of one rule only (core files also get no-restricted-imports for `electron`). */
async function findingsOf(ruleId: string, code: string, filePath: string): Promise<string[]> {
  const all = await findings(code, filePath);
  expect(all.filter((line) => line.startsWith('fatal'))).toEqual([]);
  return all.filter((line) => line.startsWith(`${ruleId}: `));
}

const RAW_IPC = {
  'a default import': `import electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);\n`,
  'a namespace import': `import * as electron from 'electron';\nelectron.ipcMain.removeHandler('x');\n`,
  destructuring: `import electron from 'electron';\nconst { ipcMain } = electron;\nipcMain.removeHandler('x');\n`,
  'a named import': `import { ipcMain } from 'electron';\nipcMain.removeHandler('x');\n`,
};

const SENDS = {
  'a WebContents-typed value': `import type { WebContents } from 'electron';\nexport function push(contents: WebContents): void {\n  contents.send('studio:event', 1);\n}\n`,
  'window.webContents': `import type { BrowserWindow } from 'electron';\nexport function push(window: BrowserWindow): void {\n  window.webContents.send('studio:event', 1);\n}\n`,
  'an event sender': `import type { IpcMainEvent } from 'electron';\nexport function reply(event: IpcMainEvent): void {\n  event.sender.send('studio:event');\n}\n`,
  'a value named webContents': `export function push(webContents: { send(channel: string): void }): void {\n  webContents.send('studio:event');\n}\n`,
};

describe('raw ipcMain / ipcRenderer ban', () => {
  for (const [how, code] of Object.entries(RAW_IPC)) {
    it(`fires in electron/core for ipcMain through ${how}, not in electron/main/ipc`, async () => {
      expect(await findingsOf('no-restricted-syntax', code, CORE)).toContainEqual(
        expect.stringContaining('Raw ipcMain only in electron/main/ipc/'),
      );
      expect(await findingsOf('no-restricted-syntax', code, IPC)).toEqual([]);
    });
  }

  it('fires for ipcRenderer through a namespace import outside electron/preload', async () => {
    const code = `import * as electron from 'electron';\nelectron.ipcRenderer.removeAllListeners('x');\n`;
    expect(await findingsOf('no-restricted-syntax', code, CORE)).toContainEqual(
      expect.stringContaining('Raw ipcRenderer only in electron/preload/'),
    );
    expect(await findingsOf('no-restricted-syntax', code, PRELOAD)).toEqual([]);
  });
});

describe('no-loosely-typed-webcontents-ipc', () => {
  for (const [what, code] of Object.entries(SENDS)) {
    it(`fires in electron/core for a send on ${what}, not in electron/main/ipc`, async () => {
      expect(await findingsOf('studio/no-loosely-typed-webcontents-ipc', code, CORE)).toHaveLength(
        1,
      );
      expect(await findingsOf('studio/no-loosely-typed-webcontents-ipc', code, IPC)).toEqual([]);
    });
  }

  it('also fires in electron/preload', async () => {
    expect(
      await findingsOf(
        'studio/no-loosely-typed-webcontents-ipc',
        SENDS['window.webContents'],
        PRELOAD,
      ),
    ).toHaveLength(1);
  });

  it('leaves other send methods alone (the AWS SDK clients)', async () => {
    const code = `export async function call(client: { send(command: object): Promise<unknown> }): Promise<unknown> {\n  return client.send({});\n}\n`;
    expect(await findingsOf('studio/no-loosely-typed-webcontents-ipc', code, CORE)).toEqual([]);
  });
});
