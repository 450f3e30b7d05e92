import { describe, expect, it } from 'vitest';
import { stripTerminalControls } from './terminal-text.js';

describe('stripTerminalControls', () => {
  it('removes colours, cursor moves, titles, links and clipboard writes', () => {
    expect(stripTerminalControls('\u001b[31mred\u001b[0m')).toBe('red');
    expect(stripTerminalControls('a\u001b[2K\u001b[1Ab')).toBe('ab');
    expect(stripTerminalControls('\u001b]0;owned\u0007title')).toBe('title');
    expect(
      stripTerminalControls('\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\'),
    ).toBe('click');
    expect(stripTerminalControls('\u001b]52;c;ZXZpbA==\u0007x')).toBe('x');
    expect(stripTerminalControls('\u009b31mC1\u009b0m')).toBe('C1');
    expect(stripTerminalControls('\u001bPdevice\u001b\\ok')).toBe('ok');
    expect(stripTerminalControls('bell\u0007 back\bspace\u007f')).toBe('bell backspace');
  });

  it('keeps text, tabs and line feeds; folds CRLF; drops bare CR and bidi overrides', () => {
    expect(stripTerminalControls('Toy Story (1995)\tAnimation\n')).toBe(
      'Toy Story (1995)\tAnimation\n',
    );
    expect(stripTerminalControls('line\r\nnext')).toBe('line\nnext');
    expect(stripTerminalControls('safe\rEVIL')).toBe('safeEVIL');
    expect(stripTerminalControls('abc\u202edcba\u202c')).toBe('abcdcba');
    expect(stripTerminalControls('Amélie — 日本語 🎬')).toBe('Amélie — 日本語 🎬');
  });
});
