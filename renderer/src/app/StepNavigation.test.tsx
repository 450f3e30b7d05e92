// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GUIDE_STEPS, type GuideView } from '../../../shared/guide.js';
import { ConnectionLostAlert } from './ConnectionLostAlert.js';
import { StepNavigation } from './StepNavigation.js';

afterEach(cleanup);

const states = (): (string | undefined)[] =>
  GUIDE_STEPS.map((step) => screen.queryByTestId(`step-state-${step}`)?.dataset.state);

describe('an old tab after the studio restarted', () => {
  it('shows every step as Unknown, never "Not started", when the guide view never loaded', () => {
    render(<StepNavigation current="data" poc={undefined} isStale />);
    expect(states()).toEqual(GUIDE_STEPS.map(() => 'unknown'));
    expect(screen.queryAllByText('Not started')).toHaveLength(0);
  });

  it('shows no state while the guide view loads, and the known states once it has', () => {
    const { rerender } = render(<StepNavigation current="data" poc={undefined} />);
    expect(states()).toEqual(GUIDE_STEPS.map(() => undefined));
    const poc = {
      steps: Object.fromEntries(GUIDE_STEPS.map((step) => [step, 'notStarted'])),
    } as unknown as GuideView;
    rerender(
      <StepNavigation current="data" poc={{ ...poc, steps: { ...poc.steps, data: 'done' } }} />,
    );
    expect(states()[0]).toBe('done');
    expect(states()[1]).toBe('notStarted');
  });

  it('says the studio restarted when the host refuses the token, and offers Reload', () => {
    const onReload = vi.fn();
    const { rerender } = render(<ConnectionLostAlert reason="unauthorized" onReload={onReload} />);
    const alert = screen.getByTestId('connection-lost');
    expect(alert.textContent).toContain('The studio restarted');
    expect(alert.textContent).toContain('Open the address the studio printed when it started');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
    rerender(<ConnectionLostAlert reason="events" onReload={onReload} />);
    expect(screen.getByTestId('connection-lost').textContent).toContain('Connection lost');
  });
});

describe('files chosen again after the import', () => {
  it('says why the import is to do while the later steps stay Done on the older files', () => {
    const steps = {
      data: 'done',
      import: 'notStarted',
      solutions: 'done',
      campaign: 'done',
      explore: 'done',
      cleanup: 'notStarted',
    };
    const poc = { steps, filesChanged: true } as unknown as GuideView;
    const { rerender } = render(<StepNavigation current="data" poc={poc} />);
    expect(screen.getByTestId('step-state-import').textContent).toBe(
      'Files changed since the last import',
    );
    expect(screen.getByTestId('step-state-solutions').textContent).toBe('Done');
    rerender(<StepNavigation current="data" poc={{ ...poc, filesChanged: false }} />);
    expect(screen.getByTestId('step-state-import').textContent).toBe('Not started');
  });
});
