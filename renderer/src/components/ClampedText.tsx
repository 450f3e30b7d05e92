import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import { useState } from 'react';

/** Characters shown before a value is clamped (a title, a CSV cell, an error message). */
export const DEFAULT_CLAMP_LENGTH = 200;

/**
 * The shown part of `text`: at most `maxLength` characters (never splitting a surrogate pair),
 * with the number of characters left out (0 when it fits).
 */
export function clampText(
  text: string,
  maxLength = DEFAULT_CLAMP_LENGTH,
): { shown: string; hidden: number } {
  // Code units ≥ characters: a value this short fits (most grid cells: no array built).
  if (text.length <= maxLength) return { shown: text, hidden: 0 };
  const characters = Array.from(text);
  if (characters.length <= maxLength) return { shown: text, hidden: 0 };
  return { shown: characters.slice(0, maxLength).join(''), hidden: characters.length - maxLength };
}

/**
 * Untrusted text (item titles, CSV cells, error messages, service failure reasons) as the user
 * should see it: rendered as text only (a React text node — markup, links and scripts in it are
 * shown as characters, never interpreted), wrapped between words (inside a word only when it alone
 * is wider than the line; an id or ARN, `isId`, may break anywhere), and values longer than
 * `maxLength` characters clamped with an ellipsis and a "Show all" link that opens the full
 * value in a modal with its own scroll bar, so one long value never makes a row thousands of
 * pixels tall. Use it in tables, grids (as a cell renderer) and alerts.
 */
export function ClampedText({
  text,
  maxLength = DEFAULT_CLAMP_LENGTH,
  label = 'Full value',
  variant = 'inline',
  isId = false,
}: {
  text: string;
  maxLength?: number;
  /** Header of the modal with the full value. */
  label?: string;
  /**
   * `'cell'`: one line for a grid cell of fixed height — the shown part is cut with an
   * ellipsis at the cell's width and the "Show all" link stays visible at its right end.
   */
  variant?: 'inline' | 'cell';
  /**
   * True for an id, ARN or path: it may break at any character (`overflow-wrap: anywhere`), so a
   * narrow column stays narrow. Prose keeps whole words (`break-word`).
   */
  isId?: boolean;
}) {
  const [isOpen, setOpen] = useState(false);
  const { shown, hidden } = clampText(text, maxLength);
  const isCell = variant === 'cell';
  return (
    <span
      style={
        isCell
          ? { display: 'flex', alignItems: 'baseline', gap: 4, minWidth: 0 }
          : { overflowWrap: isId ? 'anywhere' : 'break-word' }
      }
      data-clamped={hidden > 0 ? 'true' : 'false'}
    >
      {isCell ? (
        <span
          style={{
            flex: '1 1 auto',
            minWidth: 0,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {shown}
          {hidden === 0 ? null : '…'}
        </span>
      ) : (
        shown
      )}
      {hidden === 0 ? null : (
        <>
          {isCell ? null : '… '}
          <span style={isCell ? { flex: '0 0 auto' } : undefined}>
            <Button
              variant="inline-link"
              ariaLabel={`Show all ${(hidden + maxLength).toLocaleString('en-US')} characters`}
              onClick={() => setOpen(true)}
            >
              {isCell
                ? 'Show all'
                : `Show all (${(hidden + maxLength).toLocaleString('en-US')} characters)`}
            </Button>
          </span>
          {isOpen ? (
            <Modal visible header={label} size="large" onDismiss={() => setOpen(false)}>
              <Box>
                <div
                  data-testid="clamped-full-value"
                  style={{
                    maxHeight: '60vh',
                    overflowY: 'auto',
                    whiteSpace: 'pre-wrap',
                    overflowWrap: 'anywhere',
                  }}
                >
                  {text}
                </div>
              </Box>
            </Modal>
          ) : null}
        </>
      )}
    </span>
  );
}
