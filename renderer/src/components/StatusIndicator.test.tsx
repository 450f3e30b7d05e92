// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusIndicator } from './StatusIndicator.js';

afterEach(cleanup);

describe('StatusIndicator (text wraps between words)', () => {
  it('puts the text in a span that breaks words normally, inside Cloudscape break-all container', () => {
    render(
      <StatusIndicator type="success" data-testid="status">
        ACTIVE
      </StatusIndicator>,
    );
    const text = screen.getByText('ACTIVE');
    expect(text.tagName).toBe('SPAN');
    expect(text.style.wordBreak).toBe('normal');
    expect(text.style.overflowWrap).toBe('break-word');
    expect(screen.getByTestId('status').textContent).toBe('ACTIVE');
  });
});
