import { I18nProvider } from '@cloudscape-design/components/i18n';
import enMessages from '@cloudscape-design/components/i18n/messages/all.en';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { AppError } from '../../../shared/errors.js';
import { buildBridge } from '../../../shared/ipc/bridge.js';
import type { Channel } from '../../../shared/ipc/contract.js';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import { setBridge } from '../api/client.js';

/** A handler of the fake core: returns the channel's value, or throws an AppError to fail. */
export type FakeHandler = (input: never) => unknown;

/**
 * Renders `ui` with a query client and Cloudscape's English messages over a fake bridge whose
 * channels answer with `handlers` (others fail with `internal` "not faked"). Every call is
 * recorded in `calls` as `[channel, input]`.
 */
export function renderWithStudio(
  ui: ReactElement,
  handlers: Partial<Record<Channel, FakeHandler>> = {},
) {
  const calls: Array<[Channel, unknown]> = [];
  setBridge(
    buildBridge(
      async (channel, input) => {
        calls.push([channel, input]);
        const handler = handlers[channel];
        if (handler === undefined)
          return { ok: false, error: { code: 'internal', message: `${channel} is not faked` } };
        try {
          return { ok: true, value: await handler(input as never) };
        } catch (error) {
          if (error instanceof AppError)
            return {
              ok: false,
              error: {
                code: error.code,
                message: error.message,
                ...(error.details === undefined ? {} : { details: error.details }),
              },
            };
          throw error;
        }
      },
      () => () => undefined,
    ),
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  const result = render(
    <I18nProvider locale="en" messages={[enMessages]}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </I18nProvider>,
  );
  return { ...result, calls, queryClient };
}

/** A workspace as the core describes it, with `overrides`. */
export function fakeWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    id: 'w1',
    name: 'First POC',
    target: { kind: 'sandbox', region: 'us-east-1' },
    prefix: 'first-poc-1a2b',
    tags: {},
    notes: '',
    setup: {
      bucket: 'poc-studio-first-poc-1a2b-abcdef',
      roleName: 'PersonalizePocStudio-first-poc-1a2b',
    },
    createdAtMs: 1,
    updatedAtMs: 1,
    ...overrides,
  };
}
