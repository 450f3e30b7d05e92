// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '../../components/ag-grid-setup.js';
import { CELL_CLAMP_LENGTH } from '../../components/ClampedCell.js';
import { OutputGrid } from './BatchPanel.js';

afterEach(cleanup);

describe('OutputGrid (batch results)', () => {
  it('clamps a 100,000-character value with Show all, as the data grid does', async () => {
    const error = `ERROR ${'xy'.repeat(50_000 - 3)}`;
    expect(error).toHaveLength(100_000);
    const { container } = render(
      <OutputGrid
        fileName="out.csv"
        rows={[{ line: 1, key: 'user-1', input: '{"userId":"user-1"}', itemIds: [], error }]}
      />,
    );
    await waitFor(() => expect(container.querySelector('[data-clamped="true"]')).not.toBeNull());
    expect(container.textContent).not.toContain(error);
    expect(container.textContent).toContain(`${error.slice(0, CELL_CLAMP_LENGTH)}…Show all`);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 100,000 characters' }));
    expect(screen.getByTestId('clamped-full-value').textContent).toBe(error);
    expect(screen.getByText('Full value of Error')).toBeTruthy();
  });
});
