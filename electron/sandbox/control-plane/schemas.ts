import { alreadyExists, inUse } from '../errors.js';
import { parseAvroSchema } from '../avro-schema.js';
import type { SchemaResource } from '../resources.js';
import { epochSeconds, makeArn, optionalString, requireResource, requiredString, type OperationHandler } from './context.js';
import { paginate } from './pagination.js';

function schemaOutput(schema: SchemaResource, isSummary: boolean): Record<string, unknown> {
  return {
    name: schema.name,
    schemaArn: schema.arn,
    ...(isSummary ? {} : { schema: schema.schema }),
    creationDateTime: epochSeconds(schema.createdAtMs),
    lastUpdatedDateTime: epochSeconds(schema.updatedAtMs),
    ...(schema.domain !== undefined ? { domain: schema.domain } : {}),
  };
}

/**
 * CreateSchema (SPEC §2.6): validates the Avro record (§4.1-§4.2); usable immediately.
 *
 * @throws `InvalidInputException` naming the field, `ResourceAlreadyExistsException`.
 */
export const createSchema: OperationHandler = async (context, input) => {
  const name = requiredString(input, 'name');
  const schemaText = requiredString(input, 'schema');
  const domain = optionalString(input, 'domain');
  parseAvroSchema(schemaText);
  const arn = makeArn(context, 'schema', name);
  if (context.store.getAny(arn)) throw alreadyExists(arn);
  const nowMs = Date.now();
  const schema: SchemaResource = {
    kind: 'schema',
    arn,
    name,
    schema: schemaText,
    region: context.region,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    status: 'ACTIVE',
    ...(domain !== undefined ? { domain } : {}),
  };
  context.store.put(schema);
  await context.store.persist();
  return { schemaArn: arn };
};

/** DescribeSchema (SPEC §2.6). @throws `ResourceNotFoundException`. */
export const describeSchema: OperationHandler = (context, input) => {
  const schema = requireResource(context, 'schema', requiredString(input, 'schemaArn'));
  return Promise.resolve({ schema: schemaOutput(schema, false) });
};

/** ListSchemas (SPEC §2.6, §2.3). @throws `InvalidNextTokenException`. */
export const listSchemas: OperationHandler = (context, input) => {
  const schemas = context.store.list('schema').filter((schema) => schema.region === context.region);
  const { page, nextToken } = paginate('ListSchemas', '', schemas, input);
  return Promise.resolve({ schemas: page.map((schema) => schemaOutput(schema, true)), ...(nextToken ? { nextToken } : {}) });
};

/** DeleteSchema (SPEC §2.6): immediate. @throws `ResourceInUseException` while a dataset uses it. */
export const deleteSchema: OperationHandler = async (context, input) => {
  const schema = requireResource(context, 'schema', requiredString(input, 'schemaArn'));
  if (context.store.list('dataset').some((dataset) => dataset.schemaArn === schema.arn)) {
    throw inUse(`Schema ${schema.arn} is used by a dataset and cannot be deleted.`);
  }
  context.store.remove(schema.arn);
  await context.store.persist();
  return {};
};
