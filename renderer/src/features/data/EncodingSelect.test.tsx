// @vitest-environment jsdom
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { choiceOf, ENCODING_CHOICES, EncodingSelect } from './EncodingSelect.js';

afterEach(() => cleanup());

describe('the encoding select of the Data step', () => {
  it('shows the detected encoding and reports another choice', () => {
    const onChange = vi.fn();
    render(
      <EncodingSelect
        datasetType="items"
        value="latin-1"
        detected="Latin-1 / ISO-8859-1"
        chosen={false}
        onChange={onChange}
      />,
    );
    const select = createWrapper(document.body).findSelect('[data-testid="encoding-select-items"]');
    expect(select?.findTrigger().getElement().textContent).toBe('Latin-1 (ISO-8859-1)');
    expect(document.body.textContent).toContain('Detected: Latin-1 / ISO-8859-1');
    select?.openDropdown();
    const labels = select
      ?.findDropdown()
      .findOptions()
      .map((option) => option.getElement().textContent);
    expect(labels).toEqual(ENCODING_CHOICES.map((choice) => choice.label));
    select?.selectOption(1);
    expect(onChange).toHaveBeenCalledWith('utf-8');
  });

  it('does not reread when the same encoding is picked again', () => {
    const onChange = vi.fn();
    render(
      <EncodingSelect
        datasetType="items"
        value="utf-8"
        detected="UTF-8"
        chosen
        onChange={onChange}
      />,
    );
    const select = createWrapper(document.body).findSelect('[data-testid="encoding-select-items"]');
    // The detection stays named beside the choice.
    expect(document.body.textContent).toContain('Chosen by you (detected: UTF-8)');
    select?.openDropdown();
    select?.selectOption(1);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('maps a detected encoding onto the choices', () => {
    expect(choiceOf({ encoding: 'utf-8-bom' })).toBe('utf-8');
    expect(choiceOf({ encoding: 'utf-16' })).toBe('utf-16le');
    expect(choiceOf({ encoding: 'utf-16', encodingChoice: 'utf-16be' })).toBe('utf-16be');
    expect(choiceOf({ encoding: 'windows-1252' })).toBe('windows-1252');
  });
});
