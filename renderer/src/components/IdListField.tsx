import FormField from '@cloudscape-design/components/form-field';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import type { ReactNode } from 'react';

/** Every id of a pasted list, repeats included: split on commas, semicolons, spaces and new lines. */
export function splitIdText(text: string): string[] {
  return text.split(/[\s,;]+/u).filter((id) => id !== '');
}

/** The ids of a pasted list ({@link splitIdText}), duplicates kept once. */
export function parseIdList(text: string): string[] {
  return [...new Set(splitIdText(text))];
}

/**
 * A pasted list of user or item ids (Explore's ranking list, the batch job's input ids and
 * items to rank): a textarea under `label` that counts the parsed ids as they are typed and,
 * with `max`, says the limit and shows an error past it.
 *
 * @param value the typed text; parse it with {@link parseIdList}
 * @param max most ids allowed (e.g. 500 for GetPersonalizedRanking's inputList), none when absent
 * @param children shown under the textarea (e.g. a button that fills in sample ids)
 */
export function IdListField({
  label,
  ariaLabel,
  value,
  onChange,
  rows = 4,
  max,
  children,
}: {
  label: string;
  ariaLabel: string;
  value: string;
  onChange: (text: string) => void;
  rows?: number;
  max?: number;
  children?: ReactNode;
}) {
  const count = parseIdList(value).length;
  const limit = max === undefined ? '' : `1 to ${max.toLocaleString('en-US')} ids, `;
  return (
    <FormField
      label={label}
      description={`Commas, spaces or one per line; ${limit}${count.toLocaleString('en-US')} now.`}
      errorText={
        max !== undefined && count > max ? `At most ${max.toLocaleString('en-US')} ids.` : undefined
      }
    >
      <SpaceBetween size="xs">
        <Textarea
          ariaLabel={ariaLabel}
          value={value}
          rows={rows}
          onChange={({ detail }) => onChange(detail.value)}
        />
        {children}
      </SpaceBetween>
    </FormField>
  );
}
