import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Narrowest width of one Explore list, in px, at which it reads without its own horizontal
 * scrollbar: the recommendations table's rank, item id, 220 px title and score columns take
 * about 490 px, and the history's item names need as much beside its time and event columns.
 */
export const LIST_MIN_WIDTH_PX = 500;

/** Space between two lists, in px (Cloudscape's column gutter). */
export const LIST_GAP_PX = 20;

/**
 * How the Explore lists share the width: `side-by-side` (the history, then each list in its
 * own column), `history-below` (the two recommendation lists side by side, so a comparison
 * stays side by side, and the history on a full row under them), or `stacked` (one list per
 * row, the recommendations first: a history runs to 50 rows).
 */
export type ListsLayout = 'side-by-side' | 'history-below' | 'stacked';

/** The layout of `listCount` lists (history plus 1 or 2 recommendation lists) in `widthPx`. */
export function listsLayout(widthPx: number, listCount: 2 | 3): ListsLayout {
  const fits = (columns: number): boolean =>
    widthPx >= columns * LIST_MIN_WIDTH_PX + (columns - 1) * LIST_GAP_PX;
  if (fits(listCount)) return 'side-by-side';
  if (listCount === 3 && fits(2)) return 'history-below';
  return 'stacked';
}

/** The width of the element `ref` points at, in px, kept current as it resizes (0 before layout). */
function useWidthPx(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [widthPx, setWidthPx] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    setWidthPx(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width;
      if (width !== undefined) setWidthPx(width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, widthPx];
}

/**
 * The user's history beside their recommendations (and a comparison list, `side`), in as many
 * columns as fit at {@link LIST_MIN_WIDTH_PX} each: narrower, the lists stack, recommendations
 * first (see {@link listsLayout}), so that item names and titles stay readable. `data-layout`
 * tells which layout is shown.
 */
export function ExploreLists({
  history,
  main,
  side,
}: {
  history: ReactNode;
  main: ReactNode;
  side?: ReactNode;
}) {
  const [ref, widthPx] = useWidthPx();
  const layout = listsLayout(widthPx, side === undefined ? 2 : 3);
  const columns =
    layout === 'stacked' ? 1 : layout === 'history-below' ? 2 : side === undefined ? 2 : 3;
  const historyCell = (
    <div key="history" style={layout === 'history-below' ? { gridColumn: '1 / -1' } : undefined}>
      {history}
    </div>
  );
  const lists = [
    <div key="main">{main}</div>,
    ...(side === undefined ? [] : [<div key="side">{side}</div>]),
  ];
  return (
    <div
      ref={ref}
      data-testid="explore-lists"
      data-layout={layout}
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        gap: LIST_GAP_PX,
        alignItems: 'start',
      }}
    >
      {layout === 'side-by-side' ? [historyCell, ...lists] : [...lists, historyCell]}
    </div>
  );
}
