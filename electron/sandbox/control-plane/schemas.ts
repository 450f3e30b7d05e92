import { inUse } from '../errors.js';
import { parseAvroSchema } from '../avro-schema.js';
import type { SchemaResource } from '../resources.js';
import {
  epochSeconds,
  optionalString,
  requireResource,
  requiredString,
  type OperationHandler,
} from './context.js';
import {
  describeOperation,
  freshFields,
  listOperation,
  unusedArn,
  type ResourceWireForm,
} from './resource-ops.js';

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

const SCHEMA_FORM: ResourceWireForm<'schema'> = {
  kind: 'schema',
  arnMember: 'schemaArn',
  describeMember: 'schema',
  listMember: 'schemas',
  listOperation: 'ListSchemas',
  output: schemaOutput,
};

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
  const arn = unusedArn(context, 'schema', name);
  const schema: SchemaResource = {
    kind: 'schema',
    arn,
    name,
    schema: schemaText,
    ...freshFields(context, 'ACTIVE'),
    ...(domain !== undefined ? { domain } : {}),
  };
  context.store.put(schema);
  await context.store.persist();
  return { schemaArn: arn };
};

/** DescribeSchema (SPEC §2.6). @throws `ResourceNotFoundException`. */
export const describeSchema: OperationHandler = describeOperation(SCHEMA_FORM);

/** ListSchemas (SPEC §2.6, §2.3). @throws `InvalidNextTokenException`. */
export const listSchemas: OperationHandler = listOperation(SCHEMA_FORM);

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
