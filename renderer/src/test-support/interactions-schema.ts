/**
 * The smallest valid interactions schema (USER_ID, ITEM_ID, TIMESTAMP), as the studio writes it
 * (two-space JSON), for tests of the schema editors and the Import step.
 */
export const INTERACTIONS_SCHEMA = JSON.stringify(
  {
    type: 'record',
    name: 'Interactions',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
    ],
    version: '1.0',
  },
  null,
  2,
);
