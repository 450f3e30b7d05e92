// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { IdText } from './IdText.js';

afterEach(cleanup);

describe('IdText', () => {
  it('lets an ARN break at any character, in code type', () => {
    const arn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/first-poc-bc34-dsg';
    render(<IdText>{arn}</IdText>);
    const text = screen.getByText(arn);
    expect(text.style.overflowWrap).toBe('anywhere');
    expect(text.closest('code')).not.toBeNull();
  });
});
