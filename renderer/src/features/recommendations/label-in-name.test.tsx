// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployableVersion } from '../../../../shared/ipc/campaigns.js';
import { setBridge } from '../../api/client.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { BatchPanel } from '../batch/BatchPanel.js';
import { EventSender } from '../event-trackers/EventSender.js';
import { RankingPanel } from './ItemPanels.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const upVersion: DeployableVersion = {
  recipe: 'aws-user-personalization-v2',
  recipeType: 'USER_PERSONALIZATION',
  solutionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-up',
  solutionName: 'poc-up',
  solutionVersionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-up/1a2b',
  createdAtMs: 1,
};

/**
 * Checks that the field under the visible label `label` is the one named `name` (by role, as
 * assistive technology computes it) and that `name` starts with `label` (WCAG 2.5.3, label in
 * name: a voice-control user says the words they see).
 */
function expectNamed(label: string, role: 'textbox' | 'spinbutton', name: string): void {
  const shown = screen.getByText(label, { selector: 'label' });
  if (!(shown instanceof HTMLLabelElement)) throw new Error(`No label ${label}`);
  expect(name.startsWith(label)).toBe(true);
  expect(screen.getByRole(role, { name })).toBe(document.getElementById(shown.htmlFor));
}

describe('Explore fields are named first by the words they show', () => {
  it('Send an event: "Item ID"', () => {
    renderWithStudio(<EventSender workspaceId="ws" userId="7" enabled onSent={() => undefined} />, {
      'eventTrackers.list': () => ({ eventTrackers: [] }),
    });
    expectNamed('Item ID', 'textbox', 'Item ID of the event');
  });

  it('Personalized ranking: "User ID"', () => {
    renderWithStudio(
      <RankingPanel workspaceId="ws" campaigns={[]} display={{ nameColumns: [] }} />,
    );
    expectNamed('User ID', 'textbox', 'User ID for the ranking');
  });

  it('Batch: "User ids" and "Results per line"', () => {
    renderWithStudio(
      <BatchPanel workspaceId="ws" poc={emptyGuideView()} campaigns={[]} versions={[upVersion]} />,
      { 'jobs.list': () => [], 'batch.list': () => ({ jobs: [] }) },
    );
    // A list field is named by its label (aria-labelledby), whatever its aria-label says.
    expectNamed('User ids', 'textbox', 'User ids');
    expectNamed('Results per line', 'spinbutton', 'Results per line for the batch job');
  });
});
