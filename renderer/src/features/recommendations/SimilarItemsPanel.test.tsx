// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { SimilarItemsPanel } from './ItemPanels.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

describe('SimilarItemsPanel', () => {
  it('names the item field as its visible label says (WCAG 2.5.3 label in name)', () => {
    const { container } = renderWithStudio(
      <SimilarItemsPanel workspaceId="w1" campaigns={[]} display={{ nameColumns: [] }} />,
    );
    const labels = [...container.querySelectorAll('label')].map((label) => label.textContent);
    expect(labels).toContain('Similar to item ID');
    expect(screen.getByRole('textbox', { name: 'Similar to item ID' })).toBeTruthy();
  });
});
