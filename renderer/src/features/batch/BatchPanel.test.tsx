// @vitest-environment jsdom
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchJobSummary } from '../../../../shared/ipc/batch.js';
import type { CampaignSummary, DeployableVersion } from '../../../../shared/ipc/campaigns.js';
import type { Job } from '../../../../shared/jobs.js';
import { setBridge } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import '../../components/ag-grid-setup.js';
import { CELL_CLAMP_LENGTH } from '../../components/ClampedCell.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { BatchPanel, COLD_USER_NOTE, gridRows, OutputGrid } from './BatchPanel.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

describe('OutputGrid (batch results)', () => {
  it('clamps a 100,000-character value with Show all, as the data grid does', async () => {
    const error = `ERROR ${'xy'.repeat(50_000 - 3)}`;
    expect(error).toHaveLength(100_000);
    const { container } = render(
      <OutputGrid
        fileName="out.csv"
        rows={[{ line: 1, key: 'user-1', input: '{"userId":"user-1"}', itemIds: [], error }]}
      />,
    );
    await waitFor(() => expect(container.querySelector('[data-clamped="true"]')).not.toBeNull());
    expect(container.textContent).not.toContain(error);
    expect(container.textContent).toContain(`${error.slice(0, CELL_CLAMP_LENGTH)}…Show all`);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 100,000 characters' }));
    expect(screen.getByTestId('clamped-full-value').textContent).toBe(error);
    expect(screen.getByText('Full value of Error')).toBeTruthy();
  });
});

describe('OutputGrid (lines answered by the popularity fallback)', () => {
  it('notes "cold user: popular items" on the line of a user the imported interactions do not name', async () => {
    const rows = [
      { line: 1, key: '1', keyKind: 'user' as const, input: '{"userId":"1"}', itemIds: ['260'] },
      {
        line: 2,
        key: 'new-customer-7',
        keyKind: 'user' as const,
        input: '{"userId":"new-customer-7"}',
        itemIds: ['356', '318'],
        fallback: 'coldUser' as const,
      },
    ];
    expect(gridRows(rows).map((row) => row.note)).toEqual(['', COLD_USER_NOTE]);
    const { container } = render(<OutputGrid fileName="out.csv" rows={rows} />);
    await waitFor(() =>
      expect(container.querySelectorAll('[col-id="note"][role="gridcell"]')).toHaveLength(2),
    );
    const notes = [...container.querySelectorAll('[col-id="note"][role="gridcell"]')].map(
      (cell) => cell.textContent,
    );
    expect(notes).toEqual(['', 'cold user: popular items']);
    expect(screen.getByText('Note')).toBeTruthy();
  });
});

/** An ACTIVE user-personalization campaign of the POC. */
const campaign: CampaignSummary = {
  campaignArn: 'arn:aws:personalize:us-east-1:000000000000:campaign/poc-up',
  name: 'poc-up',
  recipe: 'aws-user-personalization-v2',
  recipeType: 'USER_PERSONALIZATION',
  solutionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-up',
  solutionVersionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-up/1a2b',
  status: 'ACTIVE',
  minProvisionedTPS: 1,
  campaignConfig: {},
};

/** The ACTIVE version `campaign` serves. */
const upVersion: DeployableVersion = {
  recipe: 'aws-user-personalization-v2',
  recipeType: 'USER_PERSONALIZATION',
  solutionArn: campaign.solutionArn,
  solutionName: 'poc-up',
  solutionVersionArn: campaign.solutionVersionArn,
  createdAtMs: 1,
};

/** A newer ACTIVE SIMS version that no campaign serves. */
const simsVersion: DeployableVersion = {
  recipe: 'aws-sims',
  recipeType: 'RELATED_ITEMS',
  solutionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-sims',
  solutionName: 'poc-sims',
  solutionVersionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-sims/9f8e',
  createdAtMs: 2,
};

describe('BatchPanel (runs on a solution version, no campaign needed)', () => {
  const handlers = () => ({
    'jobs.list': () => [],
    'batch.list': () => ({ jobs: [] }),
    'batch.start': () => ({ jobId: 'j9' }),
  });

  it('runs on a solution version when the POC has no campaign', async () => {
    const { calls } = renderWithStudio(
      <BatchPanel
        workspaceId="w1"
        poc={emptyGuideView()}
        campaigns={[]}
        versions={[simsVersion]}
      />,
      handlers(),
    );
    expect(screen.queryByText('No active campaign')).toBeNull();
    expect(screen.queryByLabelText(/^Campaign - optional/u)).toBeNull();
    const version = createWrapper(document.body).findSelect('[data-testid="batch-version"]');
    expect(version?.findTrigger().getElement().textContent).toContain('poc-sims · 9f8e');
    fireEvent.change(screen.getByRole('textbox', { name: 'Item ids' }), {
      target: { value: '1\n2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run batch inference' }));
    await waitFor(() =>
      expect(calls.find(([channel]) => channel === 'batch.start')?.[1]).toEqual({
        workspaceId: 'w1',
        solutionVersionArn: simsVersion.solutionVersionArn,
        ids: ['1', '2'],
        numResults: 25,
      }),
    );
  });

  it('waits, saying which line, while an id is longer than the service takes', async () => {
    const { calls } = renderWithStudio(
      <BatchPanel
        workspaceId="w1"
        poc={emptyGuideView()}
        campaigns={[]}
        versions={[simsVersion]}
      />,
      handlers(),
    );
    const long = 'x'.repeat(300);
    fireEvent.change(screen.getByRole('textbox', { name: 'Item ids' }), {
      target: { value: `1\n${long}` },
    });
    expect(await screen.findByText(/^Line 2: the id "x+…" has 300 characters/u)).toBeTruthy();
    const run = screen.getByRole('button', { name: 'Run batch inference' });
    expect(run).toHaveProperty('disabled', true);
    fireEvent.click(run);
    expect(calls.some(([channel]) => channel === 'batch.start')).toBe(false);
    fireEvent.change(screen.getByRole('textbox', { name: 'Item ids' }), {
      target: { value: '1\n2' },
    });
    await waitFor(() => expect(run).toHaveProperty('disabled', false));
  });

  it('says to train a solution version, not to deploy a campaign, when there is none', () => {
    renderWithStudio(
      <BatchPanel workspaceId="w1" poc={emptyGuideView()} campaigns={[]} versions={[]} />,
      handlers(),
    );
    expect(screen.getByText('No trained solution version')).toBeTruthy();
    expect(screen.queryByText(/deploy one in step 4/u)).toBeNull();
  });

  it('takes a campaign only as a shortcut to the version it serves', async () => {
    const { calls } = renderWithStudio(
      <BatchPanel
        workspaceId="w1"
        poc={emptyGuideView()}
        campaigns={[campaign]}
        versions={[simsVersion, upVersion]}
      />,
      handlers(),
    );
    const wrapper = createWrapper(document.body);
    const version = wrapper.findSelect('[data-testid="batch-version"]');
    version?.openDropdown();
    version?.selectOptionByValue(simsVersion.solutionVersionArn);
    expect(version?.findTrigger().getElement().textContent).toContain('poc-sims · 9f8e');
    const shortcut = wrapper.findSelect('[data-testid="batch-campaign-shortcut"]');
    shortcut?.openDropdown();
    shortcut?.selectOptionByValue(campaign.campaignArn);
    expect(version?.findTrigger().getElement().textContent).toContain('poc-up · 1a2b');
    fireEvent.change(screen.getByRole('textbox', { name: 'User ids' }), {
      target: { value: '429' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run batch inference' }));
    await waitFor(() =>
      expect(calls.find(([channel]) => channel === 'batch.start')?.[1]).toEqual({
        workspaceId: 'w1',
        solutionVersionArn: campaign.solutionVersionArn,
        ids: ['429'],
        numResults: 25,
      }),
    );
  });
});

describe('BatchPanel (jobs table while a batch job starts)', () => {
  const runJob = (step: string): Job => ({
    id: 'j1',
    kind: 'batch.run',
    workspaceId: 'w1',
    params: { jobName: 'first-poc-1a2b-batch-m1' },
    state: 'running',
    step,
    progress: { done: 1, total: 4, unit: 'steps' },
    attempt: 0,
    createdAtMs: 1,
    updatedAtMs: 2,
  });

  it('shows the job row at once, then its service status as soon as the job is created', async () => {
    let listed: BatchJobSummary[] = [];
    const { queryClient } = renderWithStudio(
      <BatchPanel
        workspaceId="w1"
        poc={emptyGuideView()}
        campaigns={[campaign]}
        versions={[upVersion]}
      />,
      {
        'jobs.list': () => [],
        'batch.list': () => ({ jobs: listed }),
      },
    );
    await waitFor(() => expect(screen.getByText('No batch job yet.')).toBeTruthy());
    await waitFor(() => expect(queryClient.getQueryData(queryKeys.jobs('w1'))).toEqual([]));
    await act(async () => {
      queryClient.setQueryData(queryKeys.jobs('w1'), [runJob('Writing 7 input lines')]);
      await Promise.resolve();
    });
    expect(await screen.findByText('Starting: Writing 7 input lines')).toBeTruthy();
    expect(screen.getByText('first-poc-1a2b-batch-m1')).toBeTruthy();
    listed = [
      {
        batchInferenceJobArn:
          'arn:aws:personalize:us-east-1:000000000000:batch-inference-job/first-poc-1a2b-batch-m1',
        jobName: 'first-poc-1a2b-batch-m1',
        status: 'CREATE PENDING',
        numResults: 25,
      },
    ];
    await act(async () => {
      queryClient.setQueryData(queryKeys.jobs('w1'), [runJob('Running the batch inference job')]);
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(screen.getByTestId('batch-status-first-poc-1a2b-batch-m1').dataset.status).toBe(
        'CREATE PENDING',
      ),
    );
    expect(screen.queryByText(/^Starting/u)).toBeNull();
    expect(screen.getByTestId('batch-jobs').dataset.count).toBe('1');
  });
});

describe('gridRows (names in the batch output)', () => {
  // movies.csv titles of items 1 and 2 (MovieLens latest-small), as `batch.output` returns them.
  const metadata = {
    '1': { title: 'Toy Story (1995)' },
    '2': { title: 'Jumanji (1995)' },
  };
  it('names the input item of a related-items line, never a user whose id is also an item id', () => {
    const rows = gridRows(
      [
        {
          line: 1,
          key: '1',
          keyKind: 'item',
          input: '{"itemId":"1"}',
          itemIds: ['2'],
          scores: [0.5],
        },
        {
          line: 2,
          key: '1',
          keyKind: 'user',
          input: '{"userId":"1"}',
          itemIds: ['1', '2'],
          scores: [0.5, 0.25],
        },
      ],
      { metadata, nameColumns: [] },
    );
    expect(rows.map((row) => [row.key, row.keyName, row.names])).toEqual([
      ['1', 'Toy Story (1995)', 'Jumanji (1995)'],
      ['1', '', 'Toy Story (1995)|Jumanji (1995)'],
    ]);
  });

  it('shows the Input item name column only for related-items output', async () => {
    const item = { line: 1, key: '1', input: '{"itemId":"1"}', itemIds: ['2'], scores: [0.5] };
    const { container, rerender } = render(
      <OutputGrid
        fileName="out.csv"
        rows={[{ ...item, keyKind: 'item' }]}
        naming={{ metadata, nameColumns: [] }}
      />,
    );
    await waitFor(() => expect(container.textContent).toContain('Input item name'));
    expect(screen.getByTestId('batch-output').textContent).toContain('Toy Story (1995)');
    rerender(
      <OutputGrid
        fileName="out.csv"
        rows={[{ ...item, key: '7', keyKind: 'user', input: '{"userId":"7"}' }]}
        naming={{ metadata, nameColumns: [] }}
      />,
    );
    await waitFor(() => expect(container.textContent).not.toContain('Input item name'));
  });
});

describe('BatchPanel (output named as Explore names items)', () => {
  const jobArn =
    'arn:aws:personalize:us-east-1:000000000000:batch-inference-job/first-poc-1a2b-batch-m2';
  const titlesFile = {
    path: '/work/shared/data/movielens-latest-small/movies.csv',
    idColumn: 'movieId',
  };
  // Rows of item-meta.csv (POC MovieLens) joined with movies.csv on movieId, as the core joins them.
  const metadata = {
    '318': {
      title: 'Shawshank Redemption, The (1994)',
      genres: 'Crime|Drama',
      GENRE: 'Crime|Drama',
      YEAR: '1994',
    },
    '296': {
      title: 'Pulp Fiction (1994)',
      genres: 'Comedy|Crime|Drama|Thriller',
      GENRE: 'Comedy|Crime|Drama|Thriller',
      YEAR: '1994',
    },
  };
  const handlers = (display: object) => ({
    'jobs.list': () => [],
    'recommendations.getDisplay': () => display,
    'batch.list': () => ({
      jobs: [
        { batchInferenceJobArn: jobArn, jobName: 'first-poc-1a2b-batch-m2', status: 'ACTIVE' },
      ],
    }),
    'batch.output': () => ({
      outputKey: 's3://b/batch/first-poc-1a2b-batch-m2/output/input.json.out',
      rows: [
        {
          line: 1,
          key: '1',
          input: '{"userId":"1"}',
          // 999999 is in neither file: it is named by its id.
          itemIds: ['318', '296', '999999'],
          scores: [0.5, 0.25, 0.125],
        },
      ],
      metadata,
    }),
  });

  it('shows the title of each item from the titles file beside its id, the id when it has none, and exports both', async () => {
    const { calls } = renderWithStudio(
      <BatchPanel
        workspaceId="w1"
        poc={emptyGuideView()}
        campaigns={[campaign]}
        versions={[upVersion]}
      />,
      handlers({ nameColumns: [], titlesFile }),
    );
    await waitFor(
      () =>
        expect(screen.getByTestId('batch-output').textContent).toContain(
          'Shawshank Redemption, The (1994)|Pulp Fiction (1994)|999999',
        ),
      { timeout: 5000 },
    );
    expect(calls.filter(([channel]) => channel === 'batch.output')).toHaveLength(1);
    expect(screen.getByTestId('batch-output').textContent).toContain('318|296|999999');
    // The output was asked with the workspace's titles file.
    const asked = calls.filter(([channel]) => channel === 'batch.output').at(-1)?.[1];
    expect(asked).toMatchObject({ batchInferenceJobArn: jobArn, titlesFile });

    let exported: Blob | undefined;
    const createObjectURL = vi.fn((blob: Blob) => {
      exported = blob;
      return 'blob:batch';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    // The grid's download clicks a link with `new MouseEvent('click', { view })`, which this
    // test environment's global MouseEvent refuses (its view is the document's window).
    vi.stubGlobal('MouseEvent', class extends Event {});
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(exported).toBeDefined());
    } finally {
      vi.unstubAllGlobals();
    }
    const csv = (await exported?.text()) ?? '';
    expect(csv.split(/\r?\n/u).slice(0, 2)).toEqual([
      '"Line","User or item","Recommended items","Item names","Scores","Error","Note"',
      '"1","1","318|296|999999","Shawshank Redemption, The (1994)|Pulp Fiction (1994)|999999","0.500000|0.250000|0.125000","",""',
    ]);
  });

  it('names items by the chosen columns (YEAR · GENRE) when the workspace chose them', async () => {
    renderWithStudio(
      <BatchPanel
        workspaceId="w1"
        poc={emptyGuideView()}
        campaigns={[campaign]}
        versions={[upVersion]}
      />,
      handlers({ nameColumns: ['YEAR', 'GENRE'] }),
    );
    await waitFor(
      () =>
        expect(screen.getByTestId('batch-output').textContent).toContain(
          '1994 · Crime|Drama|1994 · Comedy|Crime|Drama|Thriller|999999',
        ),
      { timeout: 5000 },
    );
  });
});
