import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import TagEditor, { type TagEditorProps } from '@cloudscape-design/components/tag-editor';
import Textarea from '@cloudscape-design/components/textarea';
import type { WorkspaceField } from './workspace-form.js';

/** The workspace's name field. */
export function NameField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <FormField label="Name" errorText={error} description="Usually the customer, e.g. Customer A.">
      <Input
        value={value}
        ariaLabel="Name"
        autoFocus
        onChange={({ detail }) => onChange(detail.value)}
      />
    </FormField>
  );
}

/**
 * Tags and notes of a workspace: the tags go on everything it creates (AWS's key/value rules;
 * the studio adds its own `poc-studio:` tags), the notes stay in the studio.
 */
export function TagsAndNotesFields({
  tags,
  notes,
  errors,
  onTagsChange,
  onNotesChange,
}: {
  tags: readonly TagEditorProps.Tag[];
  notes: string;
  errors: Partial<Record<WorkspaceField, string>>;
  onTagsChange: (tags: readonly TagEditorProps.Tag[]) => void;
  onNotesChange: (notes: string) => void;
}) {
  return (
    <>
      <FormField
        label={
          <span>
            Tags <i>- optional</i>
          </span>
        }
        errorText={errors.tags}
        description="Applied to the bucket, the role and every Personalize resource of this workspace."
      >
        <TagEditor tags={tags} tagLimit={40} onChange={({ detail }) => onTagsChange(detail.tags)} />
      </FormField>
      <FormField
        label={
          <span>
            Notes <i>- optional</i>
          </span>
        }
        errorText={errors.notes}
      >
        <Textarea
          value={notes}
          ariaLabel="Notes"
          rows={3}
          onChange={({ detail }) => onNotesChange(detail.value)}
        />
      </FormField>
    </>
  );
}
