import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { joinOf, type JoinDraft } from './recipe-form.js';

const EMPTY: JoinDraft = { path: '', key: '', otherKey: '', columns: '' };

/**
 * "Join metadata": adds columns of another file (a product catalogue, a customer table) to the
 * source rows by key (a left join: rows without a match keep empty values). The added columns
 * are offered as source columns of the outputs under their `as` names.
 */
export function JoinsEditor({
  joins,
  sourceColumns,
  onChange,
}: {
  joins: readonly JoinDraft[];
  sourceColumns: readonly string[];
  onChange: (joins: JoinDraft[]) => void;
}) {
  const keyOptions = sourceColumns.map((name) => ({ label: name, value: name }));
  const update = (index: number, patch: Partial<JoinDraft>): void =>
    onChange(joins.map((join, at) => (at === index ? { ...join, ...patch } : join)));
  return (
    <SpaceBetween size="s">
      {joins.map((join, index) => (
        <SpaceBetween key={index} direction="horizontal" size="xs" alignItems="end">
          <FormField label="Metadata file">
            <Input
              value={join.path}
              ariaLabel={`Metadata file of join ${index + 1}`}
              placeholder="/path/to/catalogue.csv"
              onChange={({ detail }) => update(index, { path: detail.value })}
            />
          </FormField>
          <FormField label="Source key">
            <Select
              expandToViewport
              ariaLabel={`Source key of join ${index + 1}`}
              selectedOption={keyOptions.find((option) => option.value === join.key) ?? null}
              options={keyOptions}
              placeholder="Column of the raw file"
              onChange={({ detail }) => update(index, { key: detail.selectedOption.value ?? '' })}
            />
          </FormField>
          <FormField label="Key in the metadata file">
            <Input
              value={join.otherKey}
              ariaLabel={`Metadata key of join ${index + 1}`}
              onChange={({ detail }) => update(index, { otherKey: detail.value })}
            />
          </FormField>
          <FormField label="Columns to add" description="Comma-separated; name=NEW_NAME renames.">
            <Input
              value={join.columns}
              ariaLabel={`Columns of join ${index + 1}`}
              placeholder="Category, Brand=BRAND"
              onChange={({ detail }) => update(index, { columns: detail.value })}
            />
          </FormField>
          <Button
            variant="icon"
            iconName="remove"
            ariaLabel={`Remove join ${index + 1}`}
            onClick={() => onChange(joins.filter((_, at) => at !== index))}
          />
        </SpaceBetween>
      ))}
      <Button
        iconName="add-plus"
        data-testid="prepare-add-join"
        onClick={() => onChange([...joins, EMPTY])}
      >
        Join metadata
      </Button>
    </SpaceBetween>
  );
}

/** Source columns of the outputs: the raw file's, then each complete join's added names. */
export function joinedSourceColumns(
  sourceColumns: readonly string[],
  joins: readonly JoinDraft[],
): string[] {
  const added = joins.flatMap((draft) => joinOf(draft)?.columns.map((column) => column.as) ?? []);
  return [...sourceColumns, ...added.filter((name) => !sourceColumns.includes(name))];
}
