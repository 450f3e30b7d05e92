import Box from '@cloudscape-design/components/box';
import type { ReactNode } from 'react';

/**
 * How an id, ARN, S3 path or resource name breaks: at any character, so a narrow column wraps it
 * instead of growing past the window (prose keeps whole words: see `WORD_WRAP_STYLE`).
 */
export const ID_WRAP_STYLE = { overflowWrap: 'anywhere' } as const;

/** An id, ARN or path in code type, wrapped at any character when its column is narrow. */
export function IdText({ children }: { children: ReactNode }) {
  return (
    <Box variant="code">
      <span style={ID_WRAP_STYLE}>{children}</span>
    </Box>
  );
}
