import { describe, expect, it } from 'vitest';
import { createLineLogger, redactSecrets } from './logger.js';

describe('createLineLogger', () => {
  it('writes one line per entry with the scope, message and fields', () => {
    const lines: string[] = [];
    const log = createLineLogger('core', (line) => lines.push(line));
    log('job running', { jobId: 'j1', kind: 'datasets.import', step: 'Queued' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d{4}-\d{2}-\d{2}T[\d:.]+Z \[core\] job running jobId="j1" kind="datasets.import" step="Queued"$/u,
    );
  });

  it('masks access key ids wherever they appear', () => {
    const lines: string[] = [];
    createLineLogger('core', (line) => lines.push(line))('failed', {
      step: 'signed with AKIAABCDEFGHIJKLMNOP and PSX0123456789ABCDEF',
    });
    expect(lines[0]).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(lines[0]).not.toContain('PSX0123456789ABCDEF');
    expect(redactSecrets('ASIAQWERTYUIOPASDFGH')).toBe('ASIA…(redacted)');
  });
});
