// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';
import { setBridge } from '../../api/client.js';
import { RankingPanel } from './ItemPanels.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const ranking: CampaignSummary = {
  campaignArn: 'arn:aws:personalize:us-east-1:123456789012:campaign/poc-ranking',
  name: 'poc-ranking',
  recipe: 'aws-personalized-ranking',
  recipeType: 'PERSONALIZED_RANKING',
  solutionArn: 'arn:s',
  solutionVersionArn: 'arn:v',
  status: 'ACTIVE',
  minProvisionedTPS: 1,
  campaignConfig: {},
};

/** Known films ranked by a fixed score, the rest appended without a score, as GetPersonalizedRanking answers. */
const SCORES: Record<string, number> = { '260': 0.5, '1': 0.3, '2571': 0.2 };

/** @param duplicates what the host says it removed (it receives the pasted list as sent). */
function renderPanel(duplicates?: { itemId: string; count: number }[]) {
  const rank = vi.fn((input: { inputList: string[]; userId: string }) => {
    const known = input.inputList
      .filter((id) => SCORES[id] !== undefined)
      .sort((a, b) => (SCORES[b] ?? 0) - (SCORES[a] ?? 0));
    const unknown = input.inputList.filter((id) => SCORES[id] === undefined);
    return Promise.resolve({
      ok: true as const,
      value: {
        userId: input.userId,
        items: [
          ...known.map((itemId) => ({ itemId, score: SCORES[itemId], metadata: {} })),
          ...unknown.map((itemId) => ({ itemId, metadata: {} })),
        ],
        ...(duplicates === undefined ? {} : { duplicates }),
      },
    });
  });
  setBridge(
    buildBridge(
      (channel: Channel, input: unknown) =>
        channel === 'recommendations.rank'
          ? rank(input as { inputList: string[]; userId: string })
          : Promise.resolve({
              ok: false as const,
              error: { code: 'internal' as const, message: 'not faked' },
            }),
      () => () => undefined,
    ),
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RankingPanel workspaceId="ws" campaigns={[ranking]} display={{ nameColumns: [] }} />
    </QueryClientProvider>,
  );
  return { rank };
}

describe('RankingPanel (GetPersonalizedRanking of a pasted list)', () => {
  it('names the repeated ids and sends each once, in the order first pasted', async () => {
    const { rank } = renderPanel([
      { itemId: '1', count: 3 },
      { itemId: '260', count: 2 },
    ]);
    fireEvent.change(screen.getByRole('textbox', { name: 'User ID for the ranking' }), {
      target: { value: '7' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Item ids to rank' }), {
      target: { value: '1, 260, 1\n2571 not-a-film 260 1' },
    });
    expect(screen.getByTestId('ranking-duplicates').textContent).toBe(
      'Listed more than once, sent once: 1 (3×), 260 (2×).',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Rank' }));
    await waitFor(() => expect(screen.getByTestId('ranking')).toBeTruthy());
    expect(rank).toHaveBeenCalledTimes(1);
    expect(rank.mock.calls[0]?.[0].inputList).toEqual(['1', '260', '2571', 'not-a-film']);
    expect(screen.getByTestId('ranking-duplicates-removed').textContent).toContain(
      'Each id is ranked once: 1 (3×), 260 (2×).',
    );
  });

  it('marks the ids the model was not trained on where the service ranks them (last), and only those', async () => {
    renderPanel();
    fireEvent.change(screen.getByRole('textbox', { name: 'User ID for the ranking' }), {
      target: { value: '7' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Item ids to rank' }), {
      target: { value: 'not-a-film 2571 1 also-new 260' },
    });
    expect(screen.queryByTestId('ranking-duplicates')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Rank' }));
    await waitFor(() => expect(screen.getByTestId('ranking')).toBeTruthy());
    const rows = screen.getAllByTestId('ranking-row').map((row) => row.dataset.itemId);
    expect(rows).toEqual(['260', '1', '2571', 'not-a-film', 'also-new']);
    const marked = screen.getAllByTestId('ranking-not-in-training');
    expect(marked.map((badge) => badge.dataset.itemId)).toEqual(['not-a-film', 'also-new']);
    expect(within(marked[0] as HTMLElement).getByText('not in training data')).toBeTruthy();
    expect(screen.queryByTestId('ranking-duplicates-removed')).toBeNull();
    expect(screen.getByTestId('ranking-not-in-training-alert').textContent).toContain(
      'not-a-film, also-new are not in the data the solution version was trained on: the service ranks them last, without a score.',
    );
  });
});
