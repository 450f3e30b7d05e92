import { describe, expect, it } from 'vitest';
import type { TeardownStep } from '../../../shared/ipc/inventory.js';
import { Poller } from '../jobs/poller.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { executeTeardown } from './teardown-service.js';

const ARN = 'arn:aws:personalize:us-east-1:123456789012';
const DELETE_MS = 40;

/** An error as the SDK throws it for a modeled exception. */
function serviceError(name: string): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });
}

/**
 * A stand-in for the Personalize client: resources by ARN, Delete* takes `DELETE_MS` to remove
 * one, the first DeleteSolution of each solution answers ResourceInUseException; records when
 * each Delete* was accepted and when each resource went.
 */
function fakeService(arns: readonly string[]) {
  const alive = new Set(arns);
  const refusedOnce = new Set<string>();
  const events: { arn: string; at: number; what: 'accepted' | 'gone' | 'refused' }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const started = Date.now();
  const send = (command: {
    constructor: { name: string };
    input: Record<string, string>;
  }): Promise<unknown> => {
    const name = command.constructor.name.replace(/Command$/u, '');
    const arn = Object.values(command.input)[0] ?? '';
    if (name.startsWith('Describe')) {
      if (!alive.has(arn)) return Promise.reject(serviceError('ResourceNotFoundException'));
      return Promise.resolve({
        campaign: { status: 'ACTIVE' },
        solution: { status: 'ACTIVE' },
        datasetGroup: { status: 'ACTIVE' },
        filter: { status: 'ACTIVE' },
      });
    }
    if (name === 'DeleteSolution' && !refusedOnce.has(arn)) {
      refusedOnce.add(arn);
      events.push({ arn, at: Date.now() - started, what: 'refused' });
      return Promise.reject(serviceError('ResourceInUseException'));
    }
    events.push({ arn, at: Date.now() - started, what: 'accepted' });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      alive.delete(arn);
      inFlight -= 1;
      events.push({ arn, at: Date.now() - started, what: 'gone' });
    }, DELETE_MS);
    return Promise.resolve({});
  };
  return { send, events, alive, maxInFlight: () => maxInFlight };
}

function step(
  kind: TeardownStep['kind'],
  arn: string,
  dependsOn: string[] = [],
  wave = 0,
): TeardownStep {
  return {
    kind,
    arn,
    name: arn.split('/').pop() ?? arn,
    action: 'delete',
    dependsOn,
    wave,
    waitsForCreate: false,
  };
}

describe('executeTeardown', () => {
  it('starts each deletion as soon as its prerequisites are gone, in parallel across chains, retrying ResourceInUseException', async () => {
    const group = `${ARN}:dataset-group/acme`;
    const [campaignA, campaignB, solutionA, solutionB, filter] = [
      `${ARN}:campaign/a`,
      `${ARN}:campaign/b`,
      `${ARN}:solution/a`,
      `${ARN}:solution/b`,
      `${ARN}:filter/f`,
    ];
    const steps = [
      step('campaign', campaignA),
      step('campaign', campaignB),
      step('filter', filter),
      step('solution', solutionA, [campaignA], 1),
      step('solution', solutionB, [campaignB], 1),
      step('datasetGroup', group, [solutionA, solutionB, filter], 2),
    ];
    const service = fakeService(steps.map((item) => item.arn));
    const context = {
      clients: { personalize: { send: service.send } },
      poller: new Poller({ baseMs: 5, maxMs: 10, minMs: 1, jitterRatio: 0, throttleMultiplier: 1 }),
      signal: undefined,
    } as unknown as ServiceContext;
    const progress: [string, number, number][] = [];
    const finished = await executeTeardown(
      context,
      {
        workspaceId: 'w',
        scope: { kind: 'workspace' },
        includeEnvironment: false,
        createdAtMs: 0,
        steps,
        criticalPath: 3,
        actionable: steps.length,
      },
      (done, count, total) => {
        progress.push([done.arn, count, total]);
        return Promise.resolve();
      },
    );
    expect(finished).toHaveLength(6);
    expect(service.alive.size).toBe(0);
    expect(progress.map(([, count, total]) => [count, total])).toEqual(
      [1, 2, 3, 4, 5, 6].map((count) => [count, 6]),
    );
    const at = (arn: string, what: 'accepted' | 'gone' | 'refused'): number =>
      service.events.find((event) => event.arn === arn && event.what === what)?.at ?? NaN;
    // The three independent deletions run together; each solution waits only for its own campaign, after one refusal.
    expect(service.maxInFlight()).toBeGreaterThanOrEqual(3);
    expect(at(solutionA, 'refused')).toBeGreaterThanOrEqual(at(campaignA, 'gone'));
    expect(at(solutionA, 'accepted')).toBeGreaterThan(at(solutionA, 'refused'));
    expect(at(group, 'accepted')).toBeGreaterThanOrEqual(
      Math.max(at(solutionA, 'gone'), at(solutionB, 'gone'), at(filter, 'gone')),
    );
    expect(at(campaignB, 'accepted')).toBeLessThan(at(campaignA, 'gone'));

    // A second run over the same plan only describes: everything is already gone.
    const before = service.events.length;
    expect(
      await executeTeardown(context, {
        workspaceId: 'w',
        scope: { kind: 'workspace' },
        includeEnvironment: false,
        createdAtMs: 0,
        steps,
        criticalPath: 3,
        actionable: 6,
      }),
    ).toHaveLength(6);
    expect(service.events.length).toBe(before);
  });
});
