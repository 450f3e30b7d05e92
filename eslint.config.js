// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Import boundaries of ARCHITECTURE.md ("Import rules"), enforced here as in VS Code's code-layering. */
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'http',
  'https',
  'crypto',
  'child_process',
  'url',
];

/**
 * Raw ipcMain / ipcRenderer (STYLE.md §2, IPC contract 6): named imports, members of a default or
 * namespace import (`electron.ipcMain`, `require('electron').ipcRenderer`) and destructuring.
 */
const rawIpcBans = ['ipcMain', 'ipcRenderer'].flatMap((name) => {
  const message = `Raw ${name} only in ${name === 'ipcMain' ? 'electron/main/ipc/' : 'electron/preload/'}: go through the typed contract.`;
  return [
    { selector: `ImportSpecifier[imported.name='${name}']`, message },
    { selector: `MemberExpression[property.name='${name}']`, message },
    { selector: `ObjectPattern > Property[key.name='${name}']`, message },
  ];
});

/** Methods that push an untyped message to a renderer. */
const SEND_METHODS = new Set(['send', 'sendToFrame', 'postMessage']);
/** Electron classes whose send methods push to a renderer. */
const SEND_TARGETS = new Set(['Electron.WebContents', 'Electron.WebFrameMain']);

/**
 * GitHub Desktop's no-loosely-typed-webcontents-ipc: pushes to the renderer go through the one
 * typed helper in electron/main/ipc/ (forwardEvents), never `webContents.send(...)` elsewhere.
 * Flags a send on anything named `webContents` and, where type information exists, on any value
 * typed WebContents or WebFrameMain (`event.sender.send`, `contents.send`).
 * @type {import('eslint').ESLint.Plugin}
 */
const studioPlugin = {
  rules: {
    'no-loosely-typed-webcontents-ipc': {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          send: 'Untyped webContents.{{method}}: push events through the typed helper in electron/main/ipc/.',
        },
      },
      create(context) {
        const services = context.sourceCode.parserServices;
        const checker = services?.program?.getTypeChecker();
        /** @param {import('estree').Node} node */
        const isSendTarget = (node) => {
          if (node.type === 'Identifier' && node.name === 'webContents') return true;
          if (
            node.type === 'MemberExpression' &&
            node.property.type === 'Identifier' &&
            node.property.name === 'webContents'
          )
            return true;
          if (checker === undefined || services?.getTypeAtLocation === undefined) return false;
          const type = checker.getNonNullableType(services.getTypeAtLocation(node));
          const parts = type.isUnion() ? type.types : [type];
          return parts.some((part) => {
            const symbol = part.getSymbol();
            return symbol !== undefined && SEND_TARGETS.has(checker.getFullyQualifiedName(symbol));
          });
        };
        return {
          /** @param {import('estree').CallExpression} node */
          CallExpression(node) {
            const callee = node.callee;
            if (callee.type !== 'MemberExpression' || callee.object.type === 'Super') return;
            const method =
              callee.property.type === 'Identifier' && !callee.computed
                ? callee.property.name
                : callee.property.type === 'Literal'
                  ? String(callee.property.value)
                  : undefined;
            if (method === undefined || !SEND_METHODS.has(method) || !isSendTarget(callee.object))
              return;
            context.report({ node, messageId: 'send', data: { method } });
          },
        };
      },
    },
  },
};

/** What renderer/ may not import: Node, Electron, the AWS SDK, DuckDB (ARCHITECTURE.md). */
const rendererImportBans = [
  { group: nodeBuiltins, message: 'renderer/ runs sandboxed: no Node built-ins.' },
  {
    group: ['electron', '**/electron/**', '@aws-sdk/*', '@duckdb/*'],
    message: 'renderer/ imports only shared/ (ARCHITECTURE.md); AWS calls happen in main.',
  },
];

/** Cloudscape modules the renderer uses through its own wrapper. */
const rendererPathBans = [
  {
    name: '@cloudscape-design/components/status-indicator',
    message:
      "Use components/StatusIndicator.js: Cloudscape's breaks words anywhere (word-break: break-all).",
  },
];

export default tseslint.config(
  {
    ignores: [
      '.scratch/**',
      'dist/**',
      'node_modules/**',
      'out/**',
      'test-results/**',
      'e2e/artifacts/**',
      'samples/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
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
            {
              group: nodeBuiltins,
              message: 'shared/ imports no Node built-ins (ARCHITECTURE.md, Import rules).',
            },
            {
              group: ['electron', '**/electron/**', '**/renderer/**', 'react', 'react-dom'],
              message: 'shared/ imports nothing from Electron, the app hosts or the DOM.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: rendererImportBans, paths: rendererPathBans }],
    },
  },
  {
    // The one wrapper of Cloudscape's status indicator (its text breaks between words).
    files: ['renderer/src/components/StatusIndicator.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: rendererImportBans }],
    },
  },
  {
    files: [
      'electron/core/**/*.ts',
      'electron/dataprep/**/*.ts',
      'electron/sandbox/**/*.ts',
      'electron/host/**/*.ts',
      'electron/cli/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '**/main/**', '**/preload/**', '**/renderer/**'],
              message:
                'core, dataprep, sandbox, host and cli never import electron, main/ or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    ignores: ['electron/main/ipc/**', 'electron/preload/**'],
    rules: {
      'no-restricted-syntax': ['error', ...rawIpcBans],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    ignores: ['electron/main/ipc/**'],
    plugins: { studio: studioPlugin },
    rules: {
      'studio/no-loosely-typed-webcontents-ipc': 'error',
    },
  },
);
