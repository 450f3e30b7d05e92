/** TanStack Query keys, in one place so event handlers and hooks agree. */
export const queryKeys = {
  appInfo: ['appInfo'] as const,
  workspaces: ['workspaces'] as const,
  guide: (workspaceId: string) => ['guide', workspaceId] as const,
  identity: (workspaceId: string) => ['identity', workspaceId] as const,
  /** The latest device sign-in of a workspace (filled by `accounts.signIn` and `accounts.didChange`). */
  signIn: (workspaceId: string) => ['signIn', workspaceId] as const,
  profiles: ['profiles'] as const,
  setup: (workspaceId: string) => ['setup', workspaceId] as const,
  /** Jobs of one workspace, or of all workspaces when `workspaceId` is undefined. */
  jobs: (workspaceId: string | undefined) => ['jobs', workspaceId ?? '*'] as const,
  inventory: (workspaceId: string) => ['inventory', workspaceId] as const,
  userShortcuts: (workspaceId: string, interactionsFile: string) =>
    ['userShortcuts', workspaceId, interactionsFile] as const,
  preview: (path: string, datasetType: 'interactions' | 'items') =>
    ['preview', datasetType, path] as const,
};
