import CloudscapeStatusIndicator, {
  type StatusIndicatorProps,
} from '@cloudscape-design/components/status-indicator';

export type { StatusIndicatorProps };

/**
 * How a status's text breaks: between words, and inside a word only when that word alone is wider
 * than the line. Cloudscape's status indicator sets `word-break: break-all`, which splits words
 * anywhere ("ACTI|VE") as soon as a column is narrow; `word-break` is inherited, so a span of our
 * own around the text sets it back.
 */
export const WORD_WRAP_STYLE = { wordBreak: 'normal', overflowWrap: 'break-word' } as const;

/**
 * Cloudscape's StatusIndicator (same props) whose text wraps between words, not inside them (see
 * {@link WORD_WRAP_STYLE}). The renderer uses this one; lint bans the Cloudscape import elsewhere.
 */
export function StatusIndicator({ children, ...props }: StatusIndicatorProps) {
  return (
    <CloudscapeStatusIndicator {...props}>
      {children === undefined || children === null ? (
        children
      ) : (
        <span style={WORD_WRAP_STYLE}>{children}</span>
      )}
    </CloudscapeStatusIndicator>
  );
}
