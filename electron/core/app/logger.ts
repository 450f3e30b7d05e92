import type { StudioLog } from './studio-app.js';

/** Access key ids of AWS (`AKIA…`, `ASIA…`) and of the embedded sandbox (`PSX…`): never written to a log. */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA|PSX)[A-Z0-9]{12,}\b/gu;

/** Masks anything in `text` that looks like an access key id (defence in depth: the core passes none). */
export function redactSecrets(text: string): string {
  return text.replace(ACCESS_KEY_ID, (match) => `${match.slice(0, 4)}…(redacted)`);
}

/**
 * A {@link StudioLog} that writes one line per entry — `[scope] message key=value …` with the
 * time in ISO form — through `write` (default: standard error), access key ids masked.
 * The hosts pass it to `createStudioApp` so every job state change is logged (STYLE.md §2
 * Conventions 6); the core never gives it credentials or payloads.
 */
export function createLineLogger(
  scope: string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): StudioLog {
  return (message, fields) => {
    const pairs = Object.entries(fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    write(
      redactSecrets(
        `${new Date().toISOString()} [${scope}] ${message}${pairs.length === 0 ? '' : ` ${pairs.join(' ')}`}`,
      ),
    );
  };
}
