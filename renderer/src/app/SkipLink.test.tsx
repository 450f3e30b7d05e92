// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SkipLink } from './SkipLink.js';

afterEach(cleanup);

describe('SkipLink', () => {
  it('is the first Tab stop, shows when focused, and moves focus to the step past the navigation', () => {
    render(
      <>
        <SkipLink targetId="step" />
        <nav>
          {Array.from({ length: 14 }, (_, index) => (
            <button key={index} type="button">{`Navigation ${index + 1}`}</button>
          ))}
        </nav>
        <div id="step" tabIndex={-1}>
          <button type="button">First control of the step</button>
        </div>
      </>,
    );
    const link = screen.getByRole('link', { name: 'Skip to the step' });
    const tabStops = [...document.body.querySelectorAll<HTMLElement>('a[href], button')];
    expect(tabStops[0]).toBe(link);
    expect(link.style.position).toBe('absolute');
    act(() => {
      link.focus();
    });
    expect(link.style.position).toBe('fixed');
    fireEvent.click(link);
    expect(document.activeElement).toBe(document.getElementById('step'));
    expect(window.location.hash).toBe('');
  });
});
