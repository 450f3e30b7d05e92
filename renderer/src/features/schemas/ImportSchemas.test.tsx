// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportSchema } from '../../../../shared/ipc/schemas.js';
import { setBridge } from '../../api/client.js';
import { INTERACTIONS_SCHEMA } from '../../test-support/interactions-schema.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { ImportSchemas } from './ImportSchemas.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const SCHEMA = INTERACTIONS_SCHEMA;

/** What `schemas.forImport` answers for the chosen interactions file. */
const forImport: ImportSchema = {
  datasetType: 'interactions',
  path: '/poc/interactions.csv',
  schema: SCHEMA,
  source: 'inferred',
  inferred: SCHEMA,
  findings: [],
};

/** Renders the schemas of the interactions file, with or without an existing dataset. */
function renderSchemas(datasetArn: string | undefined) {
  return renderWithStudio(
    <ImportSchemas
      workspaceId="w1"
      files={{ interactions: forImport.path }}
      datasetArns={datasetArn === undefined ? {} : { interactions: datasetArn }}
    />,
    {
      'schemas.forImport': () => forImport,
      'schemas.list': () => ({ schemas: [] }),
    },
  );
}

/** The CodeMirror content element of the interactions schema's JSON view. */
function jsonContent(container: HTMLElement): HTMLElement | null {
  const host = container.querySelector('[data-testid="schema-json-interactions"]');
  return host?.shadowRoot?.querySelector<HTMLElement>('.cm-content') ?? null;
}

describe('ImportSchemas (a dataset that exists keeps its schema)', () => {
  it('shows the schema read-only, says why and what to do, when the dataset exists', async () => {
    const { container } = renderSchemas(
      'arn:aws:personalize:us-east-1:000000000000:dataset/poc/INTERACTIONS',
    );
    const name = await screen.findByLabelText('Name of field 1');
    expect((name as HTMLInputElement).value).toBe('USER_ID');
    expect((name as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByLabelText('USER_ID nullable').getAttribute('aria-disabled')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Add field' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove USER_ID' })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    await waitFor(() => expect(jsonContent(container)).not.toBeNull());
    expect(jsonContent(container)?.getAttribute('contenteditable')).toBe('false');
    expect(screen.getByTestId('import-schema-locked-interactions').textContent).toContain(
      "cannot edit a dataset's schema in place",
    );
    expect(screen.getByTestId('import-schema-locked-interactions').textContent).toContain(
      'create a new schema and replace the dataset',
    );
  });

  it('lets the schema be edited while the dataset does not exist yet', async () => {
    const { container } = renderSchemas(undefined);
    const name = await screen.findByLabelText('Name of field 1');
    expect((name as HTMLInputElement).readOnly).toBe(false);
    expect(screen.getByLabelText('USER_ID nullable').getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByRole('button', { name: 'Add field' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove USER_ID' })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    await waitFor(() => expect(jsonContent(container)).not.toBeNull());
    expect(jsonContent(container)?.getAttribute('contenteditable')).toBe('true');
    expect(screen.queryByTestId('import-schema-locked-interactions')).toBeNull();
  });
});
