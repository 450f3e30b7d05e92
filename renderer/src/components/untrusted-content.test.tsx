// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RecommendationsTable } from '../features/recommendations/RecommendationsTable.js';
import { ErrorAlert } from './ErrorAlert.js';
import { DEFAULT_CLAMP_LENGTH } from './ClampedText.js';

afterEach(cleanup);

/** Item titles, CSV cells and error messages come from customer files: the places that show them clamp them. */
describe('untrusted content where it is shown', () => {
  it('an Explore row with a 108,032-character title shows 200 of them and a way to see all', () => {
    const title = `<b>Huge</b> ${'y'.repeat(108_032 - 12)}`;
    render(
      <RecommendationsTable
        userId="7"
        items={[
          { itemId: '1', metadata: { ITEM_ID: '1', TITLE: title, GENRES: 'z'.repeat(5_000) } },
        ]}
      />,
    );
    const row = screen.getByTestId('recommendation-row');
    expect(row.textContent?.startsWith(title.slice(0, DEFAULT_CLAMP_LENGTH))).toBe(true);
    expect(row.textContent?.length).toBeLessThan(DEFAULT_CLAMP_LENGTH + 60);
    expect(row.querySelector('b')).toBeNull();
    expect(screen.getByRole('button', { name: 'Show all 108,032 characters' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show all 5,000 characters' })).toBeTruthy();
  });

  it('an error quoting a long line of a file is clamped, as text', () => {
    const message = `Row 3, column TITLE: "${'<script>alert(1)</script>'.repeat(200)}" is too long.`;
    const { container } = render(
      <ErrorAlert header="The file could not be read" error={new Error(message)} />,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent?.length).toBeLessThan(800);
    expect(
      screen.getByRole('button', {
        name: `Show all ${message.length.toLocaleString('en-US')} characters`,
      }),
    ).toBeTruthy();
  });
});
