// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_RULES } from '../../../../shared/rules/schema-rules.js';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { SchemaEditor } from './SchemaEditor.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

describe('SchemaEditor findings', () => {
  it('explain each rule in words, with its code after as a detail', () => {
    renderWithStudio(
      <SchemaEditor
        datasetType="interactions"
        value="{"
        onChange={() => undefined}
        workspaceId="w1"
      />,
      { 'schemas.list': () => ({ schemas: [] }) },
    );
    const finding = screen
      .getByTestId('schema-findings-interactions')
      .querySelector('[data-code="schema.json"]');
    expect(finding?.textContent).toContain(
      `${SCHEMA_RULES['schema.json'].explanation} (schema.json)`,
    );
    expect(finding?.textContent).not.toMatch(/SPEC|§|schema\.json:/u);
  });
});
