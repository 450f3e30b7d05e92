import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { useSharedSandbox } from './test-support/sandbox.js';

const shared = useSharedSandbox();

/** One GET on `agent`; resolves with whether the request went out on a reused socket. */
function get(agent: http.Agent, url: string): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket });
      });
    });
    request.on('error', reject);
  });
}

describe('keep-alive sockets (issue 8 item 7)', () => {
  it('keeps an idle keep-alive socket open past Node’s 5 s default, so a client reuses it', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const url = `${shared.sandbox.endpoint}/`;
      const first = await get(agent, url);
      expect(first.reused).toBe(false);
      // Past Node's default keepAliveTimeout (5 s; its idle timer fires up to a few seconds late): the server would have closed the socket.
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      const second = await get(agent, url);
      expect(second.status).toBe(first.status);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
