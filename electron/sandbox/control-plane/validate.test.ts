import { describe, expect, it } from 'vitest';
import { validateInput, validateServiceInput } from './validate.js';

describe('validateInput (shapes of operations.json)', () => {
  it('accepts valid input and ignores unknown members', () => {
    expect(() =>
      validateInput('CreateDatasetGroup', { name: 'ok-name_1', futureMember: 3 }),
    ).not.toThrow();
  });

  it('reports missing members, patterns, lengths and enums as InvalidInputException', () => {
    expect(() => validateInput('CreateDatasetGroup', {})).toThrow(
      expect.objectContaining({ code: 'InvalidInputException' }) as Error,
    );
    expect(() => validateInput('CreateDatasetGroup', { name: '-bad' })).toThrow(
      /regular expression pattern/u,
    );
    expect(() => validateInput('CreateDatasetGroup', { name: 'a'.repeat(64) })).toThrow(
      /length less than or equal to 63/u,
    );
    expect(() => validateInput('CreateDatasetGroup', { name: 'ok', domain: 'RETAIL' })).toThrow(
      /enum value set/u,
    );
    expect(() => validateInput('DescribeDatasetGroup', { datasetGroupArn: 'nope' })).toThrow(
      /pattern/u,
    );
  });

  it('reports wrong JSON types as SerializationException', () => {
    expect(() => validateInput('CreateDatasetGroup', { name: 5 })).toThrow(
      expect.objectContaining({ code: 'SerializationException' }) as Error,
    );
    expect(() => validateInput('ListSchemas', { maxResults: 'ten' })).toThrow(
      expect.objectContaining({ code: 'SerializationException' }) as Error,
    );
  });
});

describe('validateServiceInput (every shape of the model)', () => {
  it('walks nested structures, lists and maps with the service paths', () => {
    expect(() =>
      validateServiceInput('personalize', 'CreateBatchInferenceJob', {
        jobName: 'j',
        solutionVersionArn: 'arn:aws:personalize:us-east-1:1:solution/s/1',
        roleArn: 'arn:aws:iam::123456789012:role/r',
        jobInput: { s3DataSource: {} },
        jobOutput: { s3DataDestination: { path: 's3://b/o' } },
      }),
    ).toThrow(
      "1 validation error detected: Value null at 'jobInput.s3DataSource.path' failed to satisfy constraint: Member must not be null",
    );
    expect(() =>
      validateServiceInput('personalize', 'CreateSolution', {
        name: 's',
        datasetGroupArn: 'arn:aws:personalize:us-east-1:1:dataset-group/g',
        solutionConfig: {
          algorithmHyperParameters: Object.fromEntries(
            Array.from({ length: 101 }, (_, i) => [`p${i}`, '1']),
          ),
        },
      }),
    ).toThrow(
      /'solutionConfig\.algorithmHyperParameters' failed to satisfy constraint: Member must have length less than or equal to 100/u,
    );
  });

  it('validates runtime and events inputs, accepting ISO-8601 event times', () => {
    expect(() =>
      validateServiceInput('personalize-runtime', 'GetRecommendations', { numResults: -1 }),
    ).toThrow(/at 'numResults'/u);
    expect(() =>
      validateServiceInput('personalize-events', 'PutEvents', {
        trackingId: 't',
        sessionId: 's',
        eventList: [{ eventType: 'click', sentAt: '2025-01-01T00:00:00Z' }],
      }),
    ).not.toThrow();
    expect(() =>
      validateServiceInput('personalize-events', 'PutEvents', {
        trackingId: 't',
        sessionId: 's',
        eventList: [],
      }),
    ).toThrow(
      /at 'eventList' failed to satisfy constraint: Member must have length greater than or equal to 1/u,
    );
  });
});
