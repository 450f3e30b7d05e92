import FormField from '@cloudscape-design/components/form-field';
import Select from '@cloudscape-design/components/select';
import type { DataOpen, EncodingChoice } from '../../../../shared/ipc/data.js';

/** The encodings a file can be reread with, in the select's order. */
export const ENCODING_CHOICES: readonly {
  readonly value: EncodingChoice;
  readonly label: string;
}[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
  { value: 'latin-1', label: 'Latin-1 (ISO-8859-1)' },
  { value: 'windows-1252', label: 'Windows-1252' },
];

/** The select's value for an opened file: the encoding it was read with. */
export function choiceOf(file: Pick<DataOpen, 'encoding' | 'encodingChoice'>): EncodingChoice {
  if (file.encodingChoice !== undefined) return file.encodingChoice;
  if (file.encoding === 'utf-16') return 'utf-16le';
  if (file.encoding === 'latin-1' || file.encoding === 'windows-1252') return file.encoding;
  return 'utf-8';
}

/**
 * The encoding a file is read with, as a Cloudscape select: `detected` names what the bytes
 * said, choosing another rereads the file (grid, checks and profile) with it. The customer's
 * file is never modified.
 */
export function EncodingSelect({
  datasetType,
  value,
  detected,
  chosen,
  onChange,
}: {
  datasetType: string;
  /** The encoding the file is read with now. */
  value: EncodingChoice;
  /** The detected encoding's description (`UTF-8 with a byte-order mark`...). */
  detected: string;
  /** True when the user chose the encoding (not the detection). */
  chosen: boolean;
  onChange: (encoding: EncodingChoice) => void;
}) {
  const selected = ENCODING_CHOICES.find((choice) => choice.value === value) ?? ENCODING_CHOICES[0];
  return (
    <FormField
      description={
        chosen
          ? `Chosen by you (detected: ${detected}); the file is reread with it.`
          : `Detected: ${detected}`
      }
    >
      <Select
        data-testid={`encoding-select-${datasetType}`}
        ariaLabel="Encoding of the file"
        selectedOption={selected === undefined ? null : { ...selected }}
        options={ENCODING_CHOICES.map((choice) => ({ ...choice }))}
        onChange={({ detail }) => {
          const next = ENCODING_CHOICES.find(
            (choice) => choice.value === detail.selectedOption.value,
          );
          if (next !== undefined && next.value !== value) onChange(next.value);
        }}
      />
    </FormField>
  );
}
