import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import Table from '@cloudscape-design/components/table';
import type { RuleDatasetType } from '../../../../shared/rules/dataset-rules.js';
import {
  SCHEMA_PRIMITIVES,
  type NormalisedField,
  type SchemaPrimitive,
} from '../../../../shared/rules/schema-rules.js';

/** A field as the form edits it. */
export type FormField = NormalisedField;

const TYPE_OPTIONS = SCHEMA_PRIMITIVES.map((type) => ({ label: type, value: type }));

/** Schema JSON text of `fields` as a Personalize record of `datasetType` (SPEC §4.1). */
export function schemaText(recordName: string, fields: readonly FormField[]): string {
  return JSON.stringify(
    {
      type: 'record',
      name: recordName,
      namespace: 'com.amazonaws.personalize.schema',
      fields: fields.map((field) => ({
        name: field.name,
        type: field.isNullable ? ['null', field.type] : field.type,
        ...(field.isCategorical ? { categorical: true } : {}),
        ...(field.isTextual ? { textual: true } : {}),
      })),
      version: '1.0',
    },
    null,
    2,
  );
}

/**
 * The schema as a form: one row per field with its name, Avro type, nullable, categorical and
 * (Items only) textual; every change calls `onChange` with the new field list. `isReadOnly`
 * shows the fields without controls that change them (the schema of an existing dataset).
 */
export function SchemaForm({
  fields,
  datasetType,
  onChange,
  isReadOnly = false,
}: {
  fields: readonly FormField[];
  datasetType: RuleDatasetType;
  onChange: (fields: FormField[]) => void;
  isReadOnly?: boolean;
}) {
  const update = (index: number, patch: Partial<FormField>): void =>
    onChange(fields.map((field, at) => (at === index ? { ...field, ...patch } : field)));
  const rows = fields.map((field, index) => ({ field, index }));
  return (
    <Table
      variant="embedded"
      data-testid={`schema-form-${datasetType}`}
      items={rows}
      trackBy={(row) => String(row.index)}
      columnDefinitions={[
        {
          id: 'name',
          header: 'Field',
          // Keeps names readable in a narrow window: the table scrolls sideways instead.
          minWidth: 200,
          cell: ({ field, index }) => (
            <Input
              value={field.name}
              ariaLabel={`Name of field ${index + 1}`}
              readOnly={isReadOnly}
              onChange={({ detail }) => update(index, { name: detail.value })}
            />
          ),
        },
        {
          id: 'type',
          header: 'Type',
          minWidth: 130,
          cell: ({ field, index }) => (
            <Select
              expandToViewport
              selectedOption={{ label: field.type, value: field.type }}
              options={TYPE_OPTIONS}
              ariaLabel={`Type of ${field.name}`}
              readOnly={isReadOnly}
              onChange={({ detail }) =>
                update(index, {
                  type: (detail.selectedOption.value ?? 'string') as SchemaPrimitive,
                })
              }
            />
          ),
        },
        {
          id: 'nullable',
          header: 'Nullable',
          cell: ({ field, index }) => (
            <Checkbox
              checked={field.isNullable}
              ariaLabel={`${field.name} nullable`}
              readOnly={isReadOnly}
              onChange={({ detail }) => update(index, { isNullable: detail.checked })}
            />
          ),
        },
        {
          id: 'categorical',
          header: 'Categorical',
          cell: ({ field, index }) => (
            <Checkbox
              checked={field.isCategorical}
              ariaLabel={`${field.name} categorical`}
              readOnly={isReadOnly}
              onChange={({ detail }) => update(index, { isCategorical: detail.checked })}
            />
          ),
        },
        ...(datasetType === 'items'
          ? [
              {
                id: 'textual',
                header: 'Textual',
                cell: ({ field, index }: { field: FormField; index: number }) => (
                  <Checkbox
                    checked={field.isTextual}
                    ariaLabel={`${field.name} textual`}
                    readOnly={isReadOnly}
                    onChange={({ detail }) => update(index, { isTextual: detail.checked })}
                  />
                ),
              },
            ]
          : []),
        ...(isReadOnly
          ? []
          : [
              {
                id: 'remove',
                header: '',
                cell: ({ field, index }: { field: FormField; index: number }) => (
                  <Button
                    variant="icon"
                    iconName="remove"
                    ariaLabel={`Remove ${field.name}`}
                    onClick={() => onChange(fields.filter((_, at) => at !== index))}
                  />
                ),
              },
            ]),
      ]}
      footer={
        isReadOnly ? undefined : (
          <Button
            iconName="add-plus"
            onClick={() =>
              onChange([
                ...fields,
                {
                  name: `FIELD_${fields.length + 1}`,
                  type: 'string',
                  isNullable: true,
                  isCategorical: true,
                  isTextual: false,
                },
              ])
            }
          >
            Add field
          </Button>
        )
      }
    />
  );
}
