import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DeleteDatasetGroupCommand,
  DeleteSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeRecipeCommand,
  DescribeSchemaCommand,
  ListDatasetGroupsCommand,
  ListRecipesCommand,
  ListSchemasCommand,
  PersonalizeServiceException,
  paginateListDatasetGroups,
} from '@aws-sdk/client-personalize';
import { describe, expect, it } from 'vitest';
import { CREATE_TRANSIENT, INTERACTIONS_SCHEMA, pollStatus } from './test-support/clients.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const shared = useSharedSandbox();
const caught = caughtAs(PersonalizeServiceException);

describe('control plane over the real SDK', () => {
  it('walks a dataset group through CREATE PENDING → CREATE IN_PROGRESS → ACTIVE with changing timestamps', async () => {
    const { datasetGroupArn } = await shared.clients.personalize.send(
      new CreateDatasetGroupCommand({ name: 'life-cycle' }),
    );
    expect(datasetGroupArn).toBe(
      'arn:aws:personalize:us-east-1:123456789012:dataset-group/life-cycle',
    );
    const first = await shared.clients.personalize.send(
      new DescribeDatasetGroupCommand({ datasetGroupArn }),
    );
    expect(first.datasetGroup?.status).toBe('CREATE PENDING');
    expect(first.datasetGroup?.creationDateTime).toBeInstanceOf(Date);
    expect(first.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/u);
    const history = await pollStatus(
      async () =>
        (
          await shared.clients.personalize.send(
            new DescribeDatasetGroupCommand({ datasetGroupArn }),
          )
        ).datasetGroup?.status,
      CREATE_TRANSIENT,
    );
    // The first Describe's CREATE PENDING, then what polling sees (SPEC §2.2 cycle, each held
    // until seen): the poll may start after PENDING was released by that first Describe.
    expect([...new Set([first.datasetGroup?.status, ...history])]).toEqual([
      'CREATE PENDING',
      'CREATE IN_PROGRESS',
      'ACTIVE',
    ]);
    const last = await shared.clients.personalize.send(
      new DescribeDatasetGroupCommand({ datasetGroupArn }),
    );
    expect(last.datasetGroup?.lastUpdatedDateTime?.getTime()).toBeGreaterThan(
      first.datasetGroup?.lastUpdatedDateTime?.getTime() ?? Infinity,
    );
    expect(last.datasetGroup).not.toHaveProperty('failureReason');
  });

  it('answers errors with the modeled names and HTTP 400', async () => {
    const missing = await caught(
      shared.clients.personalize.send(
        new DescribeDatasetGroupCommand({
          datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/nope',
        }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(400);
    expect(missing.message).toBe(
      'Resource Arn arn:aws:personalize:us-east-1:123456789012:dataset-group/nope does not exist.',
    );

    await shared.clients.personalize.send(new CreateDatasetGroupCommand({ name: 'twice' }));
    const duplicate = await caught(
      shared.clients.personalize.send(new CreateDatasetGroupCommand({ name: 'twice' })),
    );
    expect(duplicate.name).toBe('ResourceAlreadyExistsException');
    expect(duplicate.message).toBe(
      'Another resource with Arn arn:aws:personalize:us-east-1:123456789012:dataset-group/twice already exists.',
    );

    const badName = await caught(
      shared.clients.personalize.send(new CreateDatasetGroupCommand({ name: 'bad name!' })),
    );
    expect(badName.name).toBe('InvalidInputException');
    expect(badName.$metadata.httpStatusCode).toBe(400);

    const badArn = await caught(
      shared.clients.personalize.send(
        new DescribeDatasetGroupCommand({ datasetGroupArn: 'not-an-arn' }),
      ),
    );
    expect(badArn.name).toBe('InvalidInputException');
  });

  it('refuses to use a dataset group that is not ACTIVE and to delete one with datasets', async () => {
    const { schemaArn } = await shared.clients.personalize.send(
      new CreateSchemaCommand({ name: 'cp-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetGroupArn } = await shared.clients.personalize.send(
      new CreateDatasetGroupCommand({ name: 'busy-group' }),
    );
    const notActive = await caught(
      shared.clients.personalize.send(
        new CreateDatasetCommand({
          name: 'early',
          datasetGroupArn,
          schemaArn,
          datasetType: 'Interactions',
        }),
      ),
    );
    expect(notActive.name).toBe('ResourceInUseException');
    await pollStatus(
      async () =>
        (
          await shared.clients.personalize.send(
            new DescribeDatasetGroupCommand({ datasetGroupArn }),
          )
        ).datasetGroup?.status,
      CREATE_TRANSIENT,
    );
    const { datasetArn } = await shared.clients.personalize.send(
      new CreateDatasetCommand({
        name: 'ok',
        datasetGroupArn,
        schemaArn,
        datasetType: 'interactions',
      }),
    );
    expect(datasetArn).toBe(
      'arn:aws:personalize:us-east-1:123456789012:dataset/busy-group/INTERACTIONS',
    );
    const dataset = await shared.clients.personalize.send(
      new DescribeDatasetCommand({ datasetArn }),
    );
    expect(dataset.dataset?.datasetType).toBe('INTERACTIONS');
    expect(dataset.dataset?.schemaArn).toBe(schemaArn);
    const inUse = await caught(
      shared.clients.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn })),
    );
    expect(inUse.name).toBe('ResourceInUseException');
    const schemaInUse = await caught(
      shared.clients.personalize.send(new DeleteSchemaCommand({ schemaArn })),
    );
    expect(schemaInUse.name).toBe('ResourceInUseException');
    const schema = await shared.clients.personalize.send(new DescribeSchemaCommand({ schemaArn }));
    expect(schema.schema?.schema).toBe(INTERACTIONS_SCHEMA);
  });

  it('deletes through DELETE PENDING until Describe says ResourceNotFoundException', async () => {
    const { datasetGroupArn } = await shared.clients.personalize.send(
      new CreateDatasetGroupCommand({ name: 'to-delete' }),
    );
    await pollStatus(
      async () =>
        (
          await shared.clients.personalize.send(
            new DescribeDatasetGroupCommand({ datasetGroupArn }),
          )
        ).datasetGroup?.status,
      CREATE_TRANSIENT,
    );
    await shared.clients.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn }));
    const history = await pollStatus(async () => {
      try {
        return (
          await shared.clients.personalize.send(
            new DescribeDatasetGroupCommand({ datasetGroupArn }),
          )
        ).datasetGroup?.status;
      } catch (error) {
        if (error instanceof PersonalizeServiceException) return error.name;
        throw error;
      }
    }, ['DELETE PENDING', 'DELETE IN_PROGRESS']);
    expect(history[0]).toBe('DELETE PENDING');
    expect(history[history.length - 1]).toBe('ResourceNotFoundException');
    const again = await caught(
      shared.clients.personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn })),
    );
    expect(again.name).toBe('ResourceNotFoundException');
  });

  it('paginates with nextToken/maxResults and rejects a foreign token', async () => {
    for (let index = 0; index < 7; index++)
      await shared.clients.personalize.send(
        new CreateSchemaCommand({ name: `page-${index}`, schema: INTERACTIONS_SCHEMA }),
      );
    const first = await shared.clients.personalize.send(new ListSchemasCommand({ maxResults: 3 }));
    expect(first.schemas).toHaveLength(3);
    expect(first.nextToken).toBeTypeOf('string');
    expect(first.schemas?.[0]).not.toHaveProperty('schema');
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await shared.clients.personalize.send(
        new ListSchemasCommand({ maxResults: 3, nextToken: token }),
      );
      names.push(...(page.schemas ?? []).map((schema) => schema.name ?? ''));
      token = page.nextToken;
    } while (token);
    expect(names.filter((name) => name.startsWith('page-')).sort()).toEqual([
      'page-0',
      'page-1',
      'page-2',
      'page-3',
      'page-4',
      'page-5',
      'page-6',
    ]);
    const foreign = await caught(
      shared.clients.personalize.send(new ListDatasetGroupsCommand({ nextToken: first.nextToken })),
    );
    expect(foreign.name).toBe('InvalidNextTokenException');
    const groups: string[] = [];
    for await (const page of paginateListDatasetGroups(
      { client: shared.clients.personalize, pageSize: 1 },
      {},
    ))
      groups.push(...(page.datasetGroups ?? []).map((group) => group.name ?? ''));
    expect(groups).toContain('life-cycle');
    expect(new Set(groups).size).toBe(groups.length);
  });

  it('lists and describes the custom recipes of SPEC §6.1', async () => {
    const recipes = await shared.clients.personalize.send(new ListRecipesCommand({}));
    const names = (recipes.recipes ?? []).map((recipe) => recipe.name);
    expect(names).toContain('aws-user-personalization');
    expect(names).not.toContain('aws-hrnn');
    const sims = await shared.clients.personalize.send(
      new DescribeRecipeCommand({ recipeArn: 'arn:aws:personalize:::recipe/aws-sims' }),
    );
    expect(sims.recipe?.recipeType).toBe('RELATED_ITEMS');
    expect(sims.recipe?.status).toBe('ACTIVE');
  });
});
