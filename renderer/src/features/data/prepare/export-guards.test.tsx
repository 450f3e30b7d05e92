// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreparedFile } from '../../../../../shared/ipc/data.js';
import { exportBlockReason } from './prepare-outputs.js';
import { filesBlockReason, guideFiles, PreparedFiles, schemaJsonProblem } from './PreparedFiles.js';
import { outputDraft } from './recipe-form.js';

afterEach(cleanup);

function preparedFile(rows: number, errors: number): PreparedFile {
  return {
    datasetType: 'interactions',
    path: '/tmp/ws/prepared/interactions.csv',
    schemaPath: '/tmp/ws/prepared/interactions.schema.json',
    schema:
      '{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[],"version":"1.0"}',
    rows,
    stages: [{ label: 'Source rows', rows }],
    sql: 'SELECT 1',
    errors,
    warnings: 0,
    findings: errors === 0 ? [] : [{ level: 'error', message: 'The file has no rows.' }],
  };
}

describe('export guards of "Fix into new files"', () => {
  it('refuses the export while an output maps no source column or the preview leaves no rows', () => {
    const defaults = ['interactions', 'items', 'users'].map((type) =>
      outputDraft(type as 'interactions'),
    );
    expect(exportBlockReason(defaults, undefined)).toContain(
      'No column of interactions.csv reads a source column',
    );
    const mapped = defaults.map((output) =>
      output.datasetType === 'interactions'
        ? {
            ...output,
            columns: output.columns.map((column) => ({ ...column, from: column.name })),
          }
        : output,
    );
    expect(exportBlockReason(mapped, undefined)).toBeUndefined();
    expect(exportBlockReason(mapped, { datasetType: 'interactions', rows: 12 })).toBeUndefined();
    expect(exportBlockReason(mapped, { datasetType: 'interactions', rows: 0 })).toContain(
      'The preview of interactions.csv leaves no rows',
    );
  });

  it('refuses to use exported files that are empty or have blocking findings', () => {
    expect(filesBlockReason([preparedFile(120, 0)])).toBeUndefined();
    expect(filesBlockReason([preparedFile(0, 0)])).toContain('interactions.csv has no rows');
    expect(filesBlockReason([preparedFile(5, 2)])).toContain('2 blocking finding(s)');
  });

  it('disables "Use these files" with the reason after an export of an empty file', () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <PreparedFiles workspaceId="ws" outDir="/tmp/ws/prepared" files={[preparedFile(0, 1)]} />
      </QueryClientProvider>,
    );
    const button = screen.getByTestId('prepare-use-files');
    expect(button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true').toBe(
      true,
    );
    expect(screen.getByTestId('prepare-use-files-blocked').textContent).toContain(
      'interactions.csv has no rows',
    );
    expect(screen.getByTestId('prepare-exported').textContent).toContain(
      'Files written, not importable yet',
    );
    expect(screen.getByTestId('prepare-exported').textContent).toContain(
      '1 file and its schema in /tmp/ws/prepared.',
    );
  });

  it('hands the users file to the guide like the interactions and items files', () => {
    const written = (['interactions', 'users'] as const).map((datasetType) => ({
      datasetType,
      path: `/tmp/ws/prepared/${datasetType}.csv`,
    }));
    expect(guideFiles(written)).toEqual({
      interactions: '/tmp/ws/prepared/interactions.csv',
      users: '/tmp/ws/prepared/users.csv',
    });
    expect(
      guideFiles([...written, { datasetType: 'items', path: '/tmp/ws/prepared/items.csv' }]),
    ).toEqual({
      interactions: '/tmp/ws/prepared/interactions.csv',
      items: '/tmp/ws/prepared/items.csv',
      users: '/tmp/ws/prepared/users.csv',
    });
  });

  it('says why "Use these files" is disabled after an items-only export, and refuses a schema that is not JSON', () => {
    const items: PreparedFile = {
      ...preparedFile(40, 0),
      datasetType: 'items',
      path: '/tmp/ws/prepared/items.csv',
      schemaPath: '/tmp/ws/prepared/items.schema.json',
    };
    render(
      <QueryClientProvider client={new QueryClient()}>
        <PreparedFiles workspaceId="ws" outDir="/tmp/ws/prepared" files={[items]} />
      </QueryClientProvider>,
    );
    const button = screen.getByTestId('prepare-use-files');
    expect(button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true').toBe(
      true,
    );
    expect(screen.getByTestId('prepare-use-files-blocked').textContent).toBe(
      'This export wrote no interactions file, which every import needs: choose its files in the Data step, or add interactions.csv to the recipe and export again.',
    );
    cleanup();
    // A schema whose JSON does not parse: not "Valid for import", and its files are not used.
    const broken = { ...preparedFile(12, 0), schema: '{"type":"record","fields":[' };
    render(
      <QueryClientProvider client={new QueryClient()}>
        <PreparedFiles workspaceId="ws" outDir="/tmp/ws/prepared" files={[broken]} />
      </QueryClientProvider>,
    );
    const card = screen.getByTestId('prepared-interactions');
    expect(card.textContent).not.toContain('Valid for import');
    expect(card.textContent).toContain('The schema is not valid JSON (');
    expect(screen.getByTestId('prepare-use-files-blocked').textContent).toMatch(
      /^The schema is not valid JSON \(.+\): fix the JSON first\.$/u,
    );
    expect(schemaJsonProblem('{"a": 1}')).toBeUndefined();
  });
});
