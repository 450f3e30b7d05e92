// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { HyperParameterForm } from './HyperParameterForm.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

/** Types `value` into the hyperparameter input labelled `name`. */
function type(name: string, value: string): void {
  const input = screen.getByLabelText(name);
  fireEvent.change(input, { target: { value } });
}

describe('HyperParameterForm (min/max pairs)', () => {
  it('shows the error on the min field and blocks training until the pair is in order', () => {
    const onSubmit = vi.fn();
    renderWithStudio(
      <HyperParameterForm
        recipe="aws-sims"
        defaultName="poc-sims"
        takenNames={[]}
        isSandbox
        isSubmitting={false}
        error={undefined}
        onSubmit={onSubmit}
        onDismiss={() => undefined}
      />,
    );
    const train = screen.getByRole('button', { name: 'Train new solution' });
    expect(train.hasAttribute('disabled')).toBe(false);

    type('min_item_interaction_count_percentile', '0.95');
    expect(
      screen.getByText(
        'min_item_interaction_count_percentile (0.95) is above max_item_interaction_count_percentile (0.9): the range is empty, so training would keep nothing. Lower it or raise max_item_interaction_count_percentile.',
      ),
    ).toBeTruthy();
    expect(train.hasAttribute('disabled')).toBe(true);
    fireEvent.click(train);
    expect(onSubmit).not.toHaveBeenCalled();

    type('max_item_interaction_count_percentile', '0.99');
    expect(train.hasAttribute('disabled')).toBe(false);
    fireEvent.click(train);
    expect(onSubmit).toHaveBeenCalledWith({
      recipe: 'aws-sims',
      name: 'poc-sims',
      hyperParameters: {
        min_item_interaction_count_percentile: '0.95',
        max_item_interaction_count_percentile: '0.99',
      },
    });
  });
});
