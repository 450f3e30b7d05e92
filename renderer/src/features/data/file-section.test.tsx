// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSection } from './FileSection.js';

afterEach(cleanup);

describe('the "Choose file" button of a dataset', () => {
  it('has an accessible name that holds its visible text, and names the dataset', () => {
    for (const datasetType of ['interactions', 'items', 'users'] as const) {
      render(
        <QueryClientProvider client={new QueryClient()}>
          <FileSection
            datasetType={datasetType}
            path={undefined}
            onChoose={() => Promise.resolve()}
            isSaving={false}
          />
        </QueryClientProvider>,
      );
      const button = screen.getByTestId(`choose-${datasetType}`);
      expect(button.textContent).toBe('Choose file');
      expect(button.getAttribute('aria-label')).toBe(`Choose file for ${datasetType}`);
      expect(screen.getByRole('button', { name: `Choose file for ${datasetType}` })).toBe(button);
      cleanup();
    }
  });
});
