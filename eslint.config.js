// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Import boundaries of ARCHITECTURE.md ("Import rules"), enforced here as in VS Code's code-layering. */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'url'];

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'node_modules/**', 'out/**', 'test-results/**', 'e2e/artifacts/**', 'samples/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ imports no Node built-ins (ARCHITECTURE.md, Import rules).' },
            { group: ['electron', '**/electron/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ imports nothing from Electron, the app hosts or the DOM.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'renderer/ runs sandboxed: no Node built-ins.' },
            { group: ['electron', '**/electron/**', '@aws-sdk/*', '@duckdb/*'], message: 'renderer/ imports only shared/ (ARCHITECTURE.md); AWS calls happen in main.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/dataprep/**/*.ts', 'electron/sandbox/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'core, dataprep, sandbox, host and cli never import electron, main/ or the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    ignores: ['electron/main/ipc/**', 'electron/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'Raw ipcMain only in electron/main/ipc/.' },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Raw ipcRenderer only in electron/preload/.' },
      ],
    },
  },
);
