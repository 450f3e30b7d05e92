// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CELL_CLAMP_LENGTH, ClampedCell } from './ClampedCell.js';

afterEach(cleanup);

describe('ClampedCell (grid cell renderer)', () => {
  it('puts 200 of a 100,000-character cell in the page, on one line, and the full value on demand', () => {
    const cell = `DESCRIPTION ${'ab'.repeat(50_000 - 6)}`;
    expect(cell).toHaveLength(100_000);
    const { container } = render(
      <ClampedCell value={cell} colDef={{ field: 'DESCRIPTION', headerName: 'DESCRIPTION' }} />,
    );
    const shown = container.textContent ?? '';
    expect(shown).toBe(`${cell.slice(0, CELL_CLAMP_LENGTH)}…Show all`);
    const text = container.querySelector<HTMLElement>('[data-clamped="true"] > span');
    expect(text?.style.whiteSpace).toBe('nowrap');
    expect(text?.style.textOverflow).toBe('ellipsis');
    fireEvent.click(screen.getByRole('button', { name: 'Show all 100,000 characters' }));
    expect(screen.getByTestId('clamped-full-value').textContent).toBe(cell);
    expect(screen.getByText('Full value of DESCRIPTION')).toBeTruthy();
  });

  it('renders short values whole, markup as text, and an empty cell as nothing', () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const { container, rerender } = render(<ClampedCell value={hostile} colDef={{}} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe(hostile);
    expect(container.querySelector('[data-clamped="false"]')).not.toBeNull();
    rerender(<ClampedCell value={null} colDef={{}} />);
    expect(container.textContent).toBe('');
  });
});
