// @vitest-environment jsdom
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import type { FilterSchemas } from '../../../../shared/ipc/filters.js';
import type { GuideView } from '../../../../shared/guide.js';
import { filterColumnsFromAvro } from '../../../../shared/rules/filter-expression.js';
import { setBridge } from '../../api/client.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { FiltersPanel } from './FiltersPanel.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const poc: GuideView = {
  ...emptyGuideView(),
  datasetGroupArn: 'arn:aws:personalize:us-east-1:000000000000:dataset-group/poc',
  importedFiles: { interactions: '/data/interactions.csv', items: '/data/items.csv' },
};

/** The group's schemas as `filters.schemas` answers them: MovieLens-like, events `watched` / `click`. */
const SCHEMAS: FilterSchemas = {
  datasets: {
    Items: filterColumnsFromAvro(
      JSON.stringify({
        type: 'record',
        name: 'Items',
        fields: [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'GENRE', type: ['null', 'string'], categorical: true },
          { name: 'YEAR', type: ['null', 'int'] },
        ],
      }),
    ),
    Interactions: filterColumnsFromAvro(
      JSON.stringify({
        type: 'record',
        name: 'Interactions',
        fields: [
          { name: 'USER_ID', type: 'string' },
          { name: 'ITEM_ID', type: 'string' },
          { name: 'TIMESTAMP', type: 'long' },
          { name: 'EVENT_TYPE', type: 'string' },
        ],
      }),
    ),
  },
  eventTypes: [
    { value: 'watched', count: 100_836 },
    { value: 'click', count: 57_535 },
  ],
};

/** Items 1 and 2 of the MovieLens POC's item-meta.csv, as the dry run answers them for user 414. */
const DRY_RUN = {
  userId: '414',
  campaignArn: 'arn:aws:personalize:us-east-1:000000000000:campaign/poc-sims',
  items: [
    {
      itemId: '1',
      rank: 1,
      removed: true,
      reason: 'EXCLUDE matched: GENRE has Comedy',
      metadata: { GENRE: 'Adventure|Animation|Children|Comedy|Fantasy', YEAR: '1995' },
    },
    {
      itemId: '2',
      rank: 2,
      removed: false,
      reason: 'Kept: GENRE has no Comedy',
      metadata: { GENRE: 'Adventure|Children|Fantasy', YEAR: '1995' },
    },
  ],
};

/** The POC with an ACTIVE campaign `name` (the one the dry run filters). */
function withActiveCampaign(name: string, recipe: string): GuideView {
  return {
    ...poc,
    campaign: {
      campaignArn: DRY_RUN.campaignArn,
      name,
      solutionVersionArn: `arn:aws:personalize:us-east-1:000000000000:solution/${name}/1`,
      recipe,
      status: 'ACTIVE',
      minProvisionedTPS: 1,
    },
  };
}

function renderPanel(view: GuideView = poc, dryRun: unknown = DRY_RUN) {
  setBridge(
    buildBridge(
      (channel: Channel) =>
        channel === 'filters.schemas'
          ? Promise.resolve({ ok: true as const, value: SCHEMAS })
          : channel === 'filters.list'
            ? Promise.resolve({ ok: true as const, value: { filters: [] } })
            : channel === 'filters.dryRun'
              ? Promise.resolve({ ok: true as const, value: dryRun })
              : Promise.resolve({
                  ok: false as const,
                  error: { code: 'internal' as const, message: 'not faked' },
                }),
      () => () => undefined,
    ),
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <QueryClientProvider client={queryClient}>
      <FiltersPanel workspaceId="ws" poc={view} />
    </QueryClientProvider>,
  );
}

/** Types `text` into the CodeMirror editor (mounted in a shadow root) as one edit. */
function typeExpression(text: string): void {
  const host = screen.getByTestId('filter-editor');
  const editorElement = host.shadowRoot?.querySelector('.cm-editor');
  const view = editorElement instanceof HTMLElement ? EditorView.findFromDOM(editorElement) : null;
  if (view === null) throw new Error('no CodeMirror editor in the filter editor');
  act(() => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });
}

describe('FiltersPanel on the imported data', () => {
  it('warns, without blocking Create filter, that an event type absent from the data matches nothing, naming the ones that exist', async () => {
    renderPanel();
    await waitFor(() =>
      expect(screen.getByText(/that do not fit the imported data are disabled/u)).toBeTruthy(),
    );
    typeExpression('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")');
    const lint = screen.getByTestId('filter-lint');
    await waitFor(() => expect(lint.getAttribute('data-warnings')).toBe('1'));
    expect(lint.getAttribute('data-problems')).toBe('0');
    expect(within(lint).getByTestId('filter-lint-warning').textContent).toBe(
      'Character 50: No imported interaction has event type "watch": it matches nothing. Event types in the data: watched (100,836), click (57,535).',
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter name' }), {
      target: { value: 'unwatched' },
    });
    const create = screen.getByRole('button', { name: 'Create filter' });
    expect(create.hasAttribute('disabled')).toBe(false);

    // Written with the data's event type, the warning goes.
    typeExpression('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watched")');
    await waitFor(() => expect(lint.getAttribute('data-warnings')).toBe('0'));
    expect(screen.queryByTestId('filter-lint-warning')).toBeNull();
    expect(lint.textContent).toBe('The expression is valid.');
  });

  it("disables the guide templates whose event type the data lacks, saying why, and offers the data's own", async () => {
    renderPanel();
    await waitFor(() =>
      expect(screen.getByText(/that do not fit the imported data are disabled/u)).toBeTruthy(),
    );
    const select = createWrapper(document.body).findSelect('[data-testid="filter-template"]');
    select?.openDropdown();
    const dropdown = select?.findDropdown();
    /** `true` / `false` for an offered template, `missing` for one not offered. */
    const isDisabled = (value: string): string => {
      const option = dropdown?.findOptionByValue(value)?.getElement().closest('[role="option"]');
      if (option === null || option === undefined) return 'missing';
      return option.getAttribute('aria-disabled') === 'true' ? 'true' : 'false';
    };
    // "watch" is not an event type of the data ("watched" is): the guide's watch templates are off.
    expect(isDisabled('unwatched')).toBe('true');
    expect(isDisabled('genre-unwatched')).toBe('true');
    // The genre template fits (Items has GENRE); "Not watched" comes from the data.
    expect(isDisabled('genre')).toBe('false');
    expect(isDisabled('data-not-watched')).toBe('false');
    // "Not watch" would repeat the guide's Unwatched: the data's templates name its own event types.
    expect(isDisabled('data-not-watch')).toBe('missing');
    select?.selectOptionByValue('data-not-watched');
    await waitFor(() =>
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Filter name' }).value).toBe(
        'not-watched',
      ),
    );
  });

  it('marks the shown dry run outdated once the expression, the user or the values change, until it runs again', async () => {
    renderPanel(withActiveCampaign('poc-sims', 'aws-sims'));
    await waitFor(() =>
      expect(screen.getByText(/that do not fit the imported data are disabled/u)).toBeTruthy(),
    );
    typeExpression('EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)');
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run user ID' }), {
      target: { value: '414' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run GENRE value' }), {
      target: { value: 'Comedy' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    const shown = await screen.findByTestId('dry-run');
    expect(shown.getAttribute('data-removed')).toBe('1');
    expect(shown.getAttribute('data-outdated')).toBe('false');
    expect(screen.queryByTestId('dry-run-outdated')).toBeNull();

    // An invalid expression under the old result: the result says it no longer answers it.
    typeExpression('EXCLUDE ItemID WHERE Items.GENRE IN $GENRE');
    expect(screen.getByTestId('dry-run').getAttribute('data-outdated')).toBe('true');
    expect(screen.getByTestId('dry-run-outdated').textContent).toBe(
      'Outdated: the expression changed — run again.',
    );
    expect(screen.getByText('Top 2 for user 414 (outdated)')).toBeTruthy();

    // Back to the expression it ran with: current again. Then another user and other values.
    typeExpression('EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)');
    expect(screen.queryByTestId('dry-run-outdated')).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run user ID' }), {
      target: { value: '1' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run GENRE value' }), {
      target: { value: 'Drama' },
    });
    expect(screen.getByTestId('dry-run-outdated').textContent).toBe(
      'Outdated: the user and the values changed — run again.',
    );

    // Running again with what the form asks clears the marker.
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    await waitFor(() =>
      expect(screen.getByTestId('dry-run').getAttribute('data-outdated')).toBe('false'),
    );
    expect(screen.queryByTestId('dry-run-outdated')).toBeNull();
  });
});

describe('FiltersPanel dry run for a user the interactions do not name', () => {
  const withCampaign = withActiveCampaign('poc-up', 'aws-user-personalization');

  async function dryRunFor(userId: string): Promise<void> {
    await waitFor(() =>
      expect(screen.getByText(/that do not fit the imported data are disabled/u)).toBeTruthy(),
    );
    typeExpression('EXCLUDE ItemID WHERE Items.GENRE IN ("Comedy")');
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run user ID' }), {
      target: { value: userId },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    await screen.findByTestId('dry-run');
  }

  it('says the user is cold and the list is popular items', async () => {
    renderPanel(withCampaign, { ...DRY_RUN, userId: 'no-such-user', historyCount: 0 });
    await dryRunFor('no-such-user');
    expect(screen.getByTestId('dry-run-cold-user').textContent).toContain(
      "User no-such-user is not in the training data (a cold user): these are the campaign's popular items",
    );
  });

  it('says nothing of the kind for a user with interactions', async () => {
    renderPanel(withCampaign, { ...DRY_RUN, historyCount: 412 });
    await dryRunFor('414');
    expect(screen.queryByTestId('dry-run-cold-user')).toBeNull();
  });
});

describe('FiltersPanel asks for what a request needs', () => {
  const withCampaign = withActiveCampaign('poc-sims', 'aws-sims');

  it("waits for an INCLUDE expression's placeholder value before a dry run; an EXCLUDE one may stay empty", async () => {
    renderPanel(withCampaign);
    await waitFor(() =>
      expect(screen.getByText(/that do not fit the imported data are disabled/u)).toBeTruthy(),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run user ID' }), {
      target: { value: '414' },
    });
    const dryRun = screen.getByRole('button', { name: 'Dry run' });
    typeExpression('INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)');
    await waitFor(() => expect(dryRun.hasAttribute('disabled')).toBe(true));
    expect(screen.getByTestId('dry-run-missing-values').textContent).toContain(
      'Give $GENRE a value',
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run GENRE value' }), {
      target: { value: 'Comedy' },
    });
    await waitFor(() => expect(dryRun.hasAttribute('disabled')).toBe(false));
    expect(screen.queryByTestId('dry-run-missing-values')).toBeNull();
    // Without a value the service leaves an EXCLUDE expression out: nothing to ask.
    fireEvent.change(screen.getByRole('textbox', { name: 'Dry run GENRE value' }), {
      target: { value: '' },
    });
    typeExpression('EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)');
    await waitFor(() => expect(dryRun.hasAttribute('disabled')).toBe(false));
  });

  it("says a template's name no longer fits once the expression is edited away from it", async () => {
    renderPanel();
    await waitFor(() =>
      expect(screen.getByText(/that do not fit the imported data are disabled/u)).toBeTruthy(),
    );
    const select = createWrapper(document.body).findSelect('[data-testid="filter-template"]');
    select?.openDropdown();
    select?.selectOptionByValue('genre');
    const name = screen.getByRole<HTMLInputElement>('textbox', { name: 'Filter name' });
    await waitFor(() => expect(name.value).not.toBe(''));
    expect(screen.queryByText(/Named after the template/u)).toBeNull();
    typeExpression('INCLUDE ItemID WHERE Items.YEAR >= 1990');
    await screen.findByText(/Named after the template ".+", but the expression has changed since/u);
    fireEvent.change(name, { target: { value: 'nineties' } });
    await waitFor(() => expect(screen.queryByText(/Named after the template/u)).toBeNull());
  });
});
