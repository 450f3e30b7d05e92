// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';
import type { RecommendationsResult } from '../../../../shared/ipc/recommendations.js';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { SimilarItemsPanel } from './ItemPanels.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const sims: CampaignSummary = {
  campaignArn: 'arn:aws:personalize:us-east-1:123456789012:campaign/poc-sims',
  name: 'poc-sims',
  recipe: 'aws-sims',
  recipeType: 'RELATED_ITEMS',
  solutionArn: 'arn:s',
  solutionVersionArn: 'arn:v',
  status: 'ACTIVE',
  minProvisionedTPS: 1,
  campaignConfig: {},
};

/** MovieLens latest-small movies.csv rows, as the titles file joins them. */
const MOVIES: Record<string, Record<string, string>> = {
  '1': { title: 'Toy Story (1995)', genres: 'Adventure|Animation|Children|Comedy|Fantasy' },
  '318': { title: 'Shawshank Redemption, The (1994)', genres: 'Crime|Drama' },
  '356': { title: 'Forrest Gump (1994)', genres: 'Comedy|Drama|Romance|War' },
};

/** Asks for items similar to `itemId`; the fake host knows items 1, 318 and 356 only. */
async function askSimilar(itemId: string) {
  renderWithStudio(
    <SimilarItemsPanel
      workspaceId="w1"
      campaigns={[sims]}
      display={{ nameColumns: [], titlesFile: { path: '/data/movies.csv', idColumn: 'movieId' } }}
    />,
    {
      'recommendations.recommend': (input: { itemId: string }): RecommendationsResult => ({
        userId: '',
        itemId: input.itemId,
        itemMetadata: MOVIES[input.itemId] ?? {},
        isItemInTrainingData: MOVIES[input.itemId] !== undefined,
        items: ['318', '356'].map((id) => ({ itemId: id, metadata: MOVIES[id] ?? {} })),
      }),
    },
  );
  fireEvent.change(screen.getByRole('textbox', { name: 'Similar to item ID' }), {
    target: { value: itemId },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Get similar items' }));
  await waitFor(() => expect(screen.getAllByTestId('similar-items-row')).toHaveLength(2));
}

describe('SimilarItemsPanel', () => {
  it('names the item field as its visible label says (WCAG 2.5.3 label in name)', () => {
    const { container } = renderWithStudio(
      <SimilarItemsPanel workspaceId="w1" campaigns={[]} display={{ nameColumns: [] }} />,
    );
    const labels = [...container.querySelectorAll('label')].map((label) => label.textContent);
    expect(labels).toContain('Similar to item ID');
    expect(screen.getByRole('textbox', { name: 'Similar to item ID' })).toBeTruthy();
  });

  it('names the source item by its title when a titles file is joined', async () => {
    await askSimilar('1');
    expect(screen.getByRole('heading', { name: /Similar to Toy Story \(1995\)/ })).toBeTruthy();
    expect(screen.queryByTestId('cold-item-alert')).toBeNull();
  });

  it('says an item the model was not trained on gets popular items, not similar ones', async () => {
    await askSimilar('99999999');
    expect(screen.getByTestId('cold-item-alert').textContent).toContain(
      'Item 99999999 is not in the training data: these are popular items',
    );
    expect(
      screen.getByRole('heading', {
        name: /Popular items \(item 99999999 is not in the training data\)/,
      }),
    ).toBeTruthy();
  });
});
