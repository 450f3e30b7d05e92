// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportSchema } from '../../../../shared/ipc/schemas.js';
import { setBridge } from '../../api/client.js';
import { INTERACTIONS_SCHEMA } from '../../test-support/interactions-schema.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { ImportStep } from './ImportStep.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const SCHEMA = INTERACTIONS_SCHEMA;

const FILE = '/poc/interactions.csv';

/** The Import step of a workspace whose interactions file is chosen and not imported yet. */
function renderImportStep() {
  let kept: ImportSchema | undefined;
  const rendered = renderWithStudio(
    <ImportStep workspaceId="w1" poc={{ ...emptyGuideView(), files: { interactions: FILE } }} />,
    {
      'schemas.forImport': () =>
        kept ?? {
          datasetType: 'interactions',
          path: FILE,
          schema: SCHEMA,
          source: 'inferred',
          inferred: SCHEMA,
          findings: [],
        },
      'schemas.setForImport': (input: { text: string | null }) => {
        kept = {
          datasetType: 'interactions',
          path: FILE,
          schema: input.text ?? SCHEMA,
          source: 'edited',
          inferred: SCHEMA,
          findings: [],
        };
        return kept;
      },
      'schemas.list': () => ({ schemas: [] }),
      'jobs.list': () => [],
      'datasets.import': () => ({ jobId: 'j1' }),
    },
  );
  const channels = () => rendered.calls.map(([channel]) => channel);
  return { ...rendered, channels };
}

/** Renames field 3 of the form (TIMESTAMP) to `name`: an edit not kept yet. */
async function renameTimestamp(name: string) {
  const field = await screen.findByLabelText('Name of field 3');
  fireEvent.change(field, { target: { value: name } });
  await screen.findByText(/unsaved changes/u);
}

describe('Start import with a schema edited but not kept', () => {
  it('imports at once when no schema has unsaved changes', async () => {
    const { channels } = renderImportStep();
    await screen.findByLabelText('Name of field 3');
    fireEvent.click(screen.getByRole('button', { name: 'Start import' }));
    await waitFor(() => expect(channels()).toContain('datasets.import'));
    expect(screen.queryByTestId('import-unsaved-schemas')).toBeNull();
  });

  it('asks first, names the schema, and keeps the edit before importing', async () => {
    const { calls, channels } = renderImportStep();
    await screen.findByLabelText('Name of field 3');
    // A categorical field added in the form, not kept yet.
    fireEvent.click(screen.getByRole('button', { name: 'Add field' }));
    await screen.findByText(/unsaved changes/u);
    fireEvent.click(screen.getByRole('button', { name: 'Start import' }));
    const dialog = await screen.findByTestId('import-unsaved-schemas');
    expect(within(dialog).getByText(/Schema \(interactions\) has changes not kept/u)).toBeTruthy();
    expect(channels()).not.toContain('datasets.import');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('import-unsaved-schemas')).toBeNull());
    expect(channels()).not.toContain('datasets.import');
    fireEvent.click(screen.getByRole('button', { name: 'Start import' }));
    fireEvent.click(
      within(await screen.findByTestId('import-unsaved-schemas')).getByRole('button', {
        name: 'Keep them and import',
      }),
    );
    await waitFor(() => expect(channels()).toContain('datasets.import'));
    const order = channels().filter((channel) =>
      ['schemas.setForImport', 'datasets.import'].includes(channel),
    );
    expect(order).toEqual(['schemas.setForImport', 'datasets.import']);
    const keptText = (
      calls.find(([channel]) => channel === 'schemas.setForImport')?.[1] as { text: string }
    ).text;
    const kept = JSON.parse(keptText) as { fields: Array<{ name: string }> };
    expect(kept.fields.map((field) => field.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
      'FIELD_4',
    ]);
  });

  it('does not keep an edit that breaks a rule: it imports without it only when asked to', async () => {
    const { channels } = renderImportStep();
    await renameTimestamp('TIME STAMP!');
    fireEvent.click(screen.getByRole('button', { name: 'Start import' }));
    const dialog = await screen.findByTestId('import-unsaved-schemas');
    expect(within(dialog).getByText(/breaks a schema rule/u)).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Keep them and import' })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import without them' }));
    await waitFor(() => expect(channels()).toContain('datasets.import'));
    expect(channels()).not.toContain('schemas.setForImport');
  });
});
