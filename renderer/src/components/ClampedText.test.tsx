// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClampedText, clampText, DEFAULT_CLAMP_LENGTH } from './ClampedText.js';

afterEach(cleanup);

describe('ClampedText', () => {
  it('clamps a 108,032-character title to 200 characters and shows the full value on demand', () => {
    const title = `Toy Story ${'x'.repeat(108_032 - 10)}`;
    const { container } = render(<ClampedText text={title} label="Item title" />);
    const shown = container.textContent ?? '';
    expect(shown.startsWith(title.slice(0, DEFAULT_CLAMP_LENGTH))).toBe(true);
    expect(shown.length).toBeLessThan(DEFAULT_CLAMP_LENGTH + 60);
    expect(container.querySelector('[data-clamped="true"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show all 108,032 characters' }));
    expect(screen.getByTestId('clamped-full-value').textContent).toBe(title);
  });

  it('renders markup in a value as text, never as elements', () => {
    const hostile = '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">click</a>';
    const { container } = render(<ClampedText text={hostile} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe(hostile);
  });

  it('leaves short values whole and never splits a surrogate pair', () => {
    expect(clampText('short', 10)).toEqual({ shown: 'short', hidden: 0 });
    expect(clampText('😀😀😀', 2)).toEqual({ shown: '😀😀', hidden: 1 });
  });

  it('wraps prose between words and lets only an id or ARN break anywhere', () => {
    const { container, rerender } = render(<ClampedText text="Toy Story (1995)" />);
    const span = container.querySelector<HTMLElement>('[data-clamped]');
    expect(span?.style.overflowWrap).toBe('break-word');
    rerender(
      <ClampedText text="arn:aws:personalize:us-east-1:000000000000:solution/poc-up" isId />,
    );
    expect(container.querySelector<HTMLElement>('[data-clamped]')?.style.overflowWrap).toBe(
      'anywhere',
    );
  });
});
