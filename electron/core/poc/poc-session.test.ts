import { describe, expect, it } from 'vitest';
import { emptyPocState, type PocState } from '../../../shared/poc.js';
import { createAwsClients } from '../aws/client-factory.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from '../jobs/poller.js';
import { bucketName, namePrefix, workspaceSlug } from './poc-context.js';
import { PocSession } from './poc-session.js';

describe('PocSession', () => {
  it('persists each change before listeners hear of it, in call order', async () => {
    const persisted: PocState[] = [];
    const heard: { bucket?: string | undefined; persistedCount: number }[] = [];
    const clients = createAwsClients({ kind: 'sandbox', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', accountId: '123456789012' });
    const session = new PocSession({
      workspaceId: 'ws',
      clients,
      poller: new Poller(SANDBOX_POLLER_OPTIONS),
      workDir: '/tmp/unused',
      initialState: emptyPocState(),
      persist: async (state) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        persisted.push(state);
      },
    });
    session.onDidChange((state) => heard.push({ bucket: state.bucket, persistedCount: persisted.length }));
    await Promise.all([
      session.updateState((state) => {
        state.bucket = 'first';
      }),
      session.updateState((state) => {
        state.bucket = 'second';
      }),
    ]);
    expect(heard).toEqual([
      { bucket: 'first', persistedCount: 1 },
      { bucket: 'second', persistedCount: 2 },
    ]);
    expect(session.getState().bucket).toBe('second');
    clients.destroy();
  });
});

describe('resource names', () => {
  it('derives bucket and Personalize names from the workspace', () => {
    expect(workspaceSlug('Local Sandbox!')).toBe('local-sandbox');
    expect(bucketName('local-sandbox', 'ab12cd')).toBe('poc-studio-local-sandbox-ab12cd');
    expect(namePrefix({ ...emptyPocState(), bucket: 'poc-studio-local-sandbox-ab12cd' })).toBe('poc-local-sandbox-ab12cd');
    expect(bucketName('x'.repeat(80), 'ab12cd').length).toBeLessThanOrEqual(63);
  });
});
