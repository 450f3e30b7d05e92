#!/usr/bin/env node
// `poc-studio` CLI entry: registers tsx so the TypeScript sources run as they are, makes
// everything printed terminal-safe, then hands over to electron/cli/main.ts (demo, sandbox,
// validate).
import { StringDecoder } from 'node:string_decoder';
import { register } from 'tsx/esm/api';

register();
const { stripTerminalControls } = await import('../shared/terminal-text.ts');

// Customer data (item titles, CSV cells, error messages) reaches the terminal through these two
// streams only: strip escape sequences and control characters from every write (issue 11, item 8).
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  const decoder = new StringDecoder('utf8');
  stream.write = (chunk, encoding, callback) => {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk));
    return write(stripTerminalControls(text), 'utf8', done);
  };
}

await import('../electron/cli/main.ts');
