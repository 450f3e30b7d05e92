/**
 * Escape sequences a terminal acts on: CSI (`ESC [` … final byte, or the one-byte C1 CSI),
 * OSC (`ESC ]` … BEL or ST: titles, hyperlinks, clipboard writes), DCS/SOS/PM/APC strings,
 * and two-byte `ESC x` sequences.
 */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[^\u001b\u009c]*(?:\u001b\\|\u009c)?|\u001b[ -~]?/gu;

/** Control characters left after the sequences: C0 except tab and line feed, DEL, C1. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/** Bidirectional overrides and isolates, which reorder what a terminal shows ("Trojan Source"). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text safe to print to a terminal (issue item 8): removes escape sequences (colours, cursor
 * moves, window titles, OSC 8 links, clipboard writes), other control characters (a bare
 * carriage return could overwrite a line; CRLF becomes LF) and bidi overrides. Tab and line feed stay.
 */
export function stripTerminalControls(text: string): string {
  return text
    .replaceAll('\r\n', '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL_CHARACTER, '')
    .replace(BIDI_CONTROL, '');
}
