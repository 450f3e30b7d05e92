// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { rankChangeText, RecommendationsTable } from './RecommendationsTable.js';

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

describe('RecommendationsTable beside another list', () => {
  it('marks an item absent from the other list "not in the other list" (never "new") and a moved one ▲ / ▼', () => {
    render(
      <RecommendationsTable
        userId="12445"
        items={[
          { itemId: '85035C', metadata: { DESCRIPTION: 'ROSE 3 WICK MORRIS BOX CANDLE' } },
          { itemId: '17012C', metadata: {} },
          { itemId: '85036B', metadata: {} },
          { itemId: '85034A', metadata: {} },
        ]}
        compareWith={[
          { itemId: '85034A', metadata: {} },
          { itemId: '85036B', metadata: {} },
          { itemId: '17012C', metadata: {} },
        ]}
      />,
    );
    const marks = screen
      .getAllByTestId('recommendation-rank-change')
      .map((mark) => mark.textContent);
    expect(marks).toEqual([
      '(not in the other list)',
      '▲ 1up 1: rank 3 in the other list',
      '▼ 1down 1: rank 2 in the other list',
      '▼ 3down 3: rank 1 in the other list',
    ]);
    expect(screen.getByTestId('recommendations').textContent).not.toContain('(new)');
  });
});

describe('rankChangeText', () => {
  it('says nothing for the same rank or without a comparison', () => {
    expect(rankChangeText(2, 2)).toBe('');
    expect(rankChangeText(2, undefined)).toBe('');
    expect(rankChangeText(1, null)).toBe('not in the other list');
    expect(rankChangeText(1, 6)).toBe('▲ 5');
    expect(rankChangeText(6, 1)).toBe('▼ 5');
  });
});
