/**
 * A studio behind the browser host in its own process, for tests that kill it: starts
 * {@link startStudioBrowserHost} on `argv[2]` (data dir) serving `argv[3]` (renderer dir) with
 * sandbox timing `argv[4]` (`fast` | `realistic`, default `realistic`, run 300 times faster than
 * AWS: a training takes 10 s), then prints one JSON
 * line `{port, token}` on standard output and runs until killed.
 */
import { startStudioBrowserHost } from '../../../host/main.js';

const [userDataDir, rendererDir, timing] = process.argv.slice(2);
if (userDataDir === undefined || rendererDir === undefined)
  throw new Error('usage: studio-host-child DATA_DIR RENDERER_DIR [fast|realistic]');
const host = await startStudioBrowserHost({
  userDataDir,
  rendererDir,
  ...(timing === 'fast'
    ? { sandboxTiming: 'fast' }
    : { sandboxTiming: 'realistic', sandboxSpeed: 300 }),
  log: () => undefined,
});
process.stdout.write(`${JSON.stringify({ port: host.port, token: host.token })}\n`);
const stop = (): void => void host.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
