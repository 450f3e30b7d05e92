import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.js';

type StoredDrafts = ChannelOutput<'data.getPrepareDrafts'>['drafts'];

/**
 * The core's Prepare drafts as a fake: `data.getPrepareDrafts` and `data.setPrepareDrafts` over
 * `stored` (by workspace id), which outlives a render as the core's folder outlives a window.
 * Spread `handlers` into the handlers of `renderWithStudio`.
 */
export function fakePrepareDraftsCore(stored = new Map<string, StoredDrafts>()) {
  return {
    stored,
    handlers: {
      'data.getPrepareDrafts': (input: ChannelInput<'data.getPrepareDrafts'>) => ({
        drafts: stored.get(input.workspaceId) ?? { sourcePath: '', files: {} },
      }),
      'data.setPrepareDrafts': (input: ChannelInput<'data.setPrepareDrafts'>) => {
        // Stored as the core reads it back: through JSON.
        stored.set(input.workspaceId, JSON.parse(JSON.stringify(input.drafts)) as StoredDrafts);
        return { sizeBytes: JSON.stringify(input.drafts).length };
      },
    },
  };
}
