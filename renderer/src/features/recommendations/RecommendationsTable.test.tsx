// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RecommendationsTable } from './RecommendationsTable.js';

afterEach(cleanup);

describe('RecommendationsTable', () => {
  it('lists items by rank with their display title, metadata and score', () => {
    render(
      <RecommendationsTable
        userId="7"
        items={[
          {
            itemId: '1',
            score: 0.5,
            metadata: { ITEM_ID: '1', TITLE: 'Toy Story (1995)', GENRES: 'Animation|Comedy' },
          },
          { itemId: '2', metadata: {} },
        ]}
      />,
    );
    const rows = screen.getAllByTestId('recommendation-row');
    expect(rows.map((row) => row.textContent)).toEqual(['Toy Story (1995)', '2']);
    expect(screen.getByTestId('recommendations').dataset.count).toBe('2');
    expect(screen.getByText('Animation, Comedy')).toBeTruthy();
    expect(screen.getByText('0.5000')).toBeTruthy();
  });
});
