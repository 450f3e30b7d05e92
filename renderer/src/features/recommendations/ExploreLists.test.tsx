// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExploreLists, listsLayout } from './ExploreLists.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// Widths of the Explore results in Chromium with the side navigation open, measured on the
// sample POC: a 1440 px window leaves 1,111 px, 1200 px leaves 871 px, 900 px leaves 571 px.
describe('listsLayout', () => {
  it('keeps history and recommendations side by side at 1440 px, and stacks them at 1200 and 900 px', () => {
    expect(listsLayout(1111, 2)).toBe('side-by-side');
    expect(listsLayout(871, 2)).toBe('stacked');
    expect(listsLayout(571, 2)).toBe('stacked');
  });

  it('with a comparison: three columns only when each gets 500 px, else the two lists side by side above the history, else stacked', () => {
    expect(listsLayout(1540, 3)).toBe('side-by-side');
    expect(listsLayout(1539, 3)).toBe('history-below');
    expect(listsLayout(1111, 3)).toBe('history-below');
    expect(listsLayout(1019, 3)).toBe('stacked');
    expect(listsLayout(871, 3)).toBe('stacked');
  });
});

/** A ResizeObserver that reports the width the test sets, as Chromium does on a resize. */
function stubResizeObserver() {
  const observers: Array<(widthPx: number) => void> = [];
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly callback: ResizeObserverCallback) {
        observers.push((widthPx) =>
          this.callback(
            [{ contentRect: { width: widthPx } } as ResizeObserverEntry],
            this as unknown as ResizeObserver,
          ),
        );
      }
      observe(): void {}
      disconnect(): void {}
    },
  );
  return (widthPx: number) => act(() => observers.forEach((report) => report(widthPx)));
}

const order = (): string[] =>
  [...screen.getByTestId('explore-lists').children].map((cell) => cell.textContent ?? '');

describe('ExploreLists', () => {
  it('lays the lists out for the width they get, recommendations first once they stack', () => {
    const resize = stubResizeObserver();
    render(
      <ExploreLists
        history={<span>history</span>}
        main={<span>main</span>}
        side={<span>before</span>}
      />,
    );
    const lists = screen.getByTestId('explore-lists');
    resize(1600);
    expect(lists.dataset.layout).toBe('side-by-side');
    expect(lists.style.gridTemplateColumns).toBe('repeat(3, minmax(0, 1fr))');
    expect(order()).toEqual(['history', 'main', 'before']);

    resize(1111);
    expect(lists.dataset.layout).toBe('history-below');
    expect(lists.style.gridTemplateColumns).toBe('repeat(2, minmax(0, 1fr))');
    expect(order()).toEqual(['main', 'before', 'history']);
    expect((lists.children[2] as HTMLElement).style.gridColumn).toBe('1 / -1');

    resize(571);
    expect(lists.dataset.layout).toBe('stacked');
    expect(lists.style.gridTemplateColumns).toBe('repeat(1, minmax(0, 1fr))');
    expect(order()).toEqual(['main', 'before', 'history']);
  });
});
