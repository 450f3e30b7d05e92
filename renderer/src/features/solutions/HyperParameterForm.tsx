import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { SolutionNameSchema, type TrainRun } from '../../../../shared/ipc/solutions.js';
import {
  rangeProblems,
  recipeSpec,
  valueProblem,
  type HyperParameterSpec,
  type StudioRecipe,
} from '../../../../shared/rules/recipes.js';

/** "Default 0.5 · range 0–1 · tunable by HPO" for a hyperparameter. */
export function constraintText(parameter: HyperParameterSpec): string {
  const range =
    parameter.type === 'boolean'
      ? 'true or false'
      : `range ${parameter.min ?? '−∞'}–${parameter.max ?? '∞'}${parameter.type === 'integer' ? ', whole numbers' : ''}`;
  return `Default ${parameter.defaultValue} · ${range} · ${parameter.kind}${parameter.isTunable ? ' · tunable by HPO' : ''}`;
}

/**
 * The form of a new solution: its name and every documented hyperparameter of the recipe
 * (SPEC §6.2: default, range, kind, whether HPO tunes it), prefilled with the defaults and
 * checked as typed, each value in its range and each min/max pair in order ({@link rangeProblems}).
 * Submits one {@link TrainRun} with the values that differ from the defaults.
 */
export function HyperParameterForm({
  recipe,
  defaultName,
  takenNames,
  isSandbox,
  isSubmitting,
  error,
  onSubmit,
  onDismiss,
}: {
  recipe: StudioRecipe;
  defaultName: string;
  takenNames: readonly string[];
  isSandbox: boolean;
  isSubmitting: boolean;
  error: string | undefined;
  onSubmit: (run: TrainRun) => void;
  onDismiss: () => void;
}) {
  const spec = recipeSpec(recipe);
  const [name, setName] = useState(defaultName);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries((spec?.hyperParameters ?? []).map((p) => [p.name, p.defaultValue])),
  );
  if (spec === undefined) return null;
  const nameCheck = SolutionNameSchema.safeParse(name);
  const nameError = !nameCheck.success
    ? (nameCheck.error.issues[0]?.message ?? 'Not a valid name.')
    : takenNames.includes(name)
      ? `A solution named ${name} exists already.`
      : undefined;
  const ranges = rangeProblems(spec, values);
  const problems = Object.fromEntries(
    spec.hyperParameters.map((p) => [
      p.name,
      valueProblem(p, (values[p.name] ?? '').trim()) ?? ranges[p.name],
    ]),
  );
  const hasProblem =
    nameError !== undefined || Object.values(problems).some((p) => p !== undefined);
  const submit = (): void => {
    if (hasProblem) return;
    const changed = Object.fromEntries(
      spec.hyperParameters
        .filter((p) => (values[p.name] ?? '').trim() !== p.defaultValue)
        .map((p) => [p.name, (values[p.name] ?? '').trim()]),
    );
    onSubmit({ recipe, name, hyperParameters: changed });
  };
  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      header={`New ${spec.title} solution`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss}>
              Cancel
            </Button>
            <Button variant="primary" disabled={hasProblem} loading={isSubmitting} onClick={submit}>
              Train new solution
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Form errorText={error}>
          <SpaceBetween size="m">
            <Box variant="p">
              {spec.purpose} The defaults and ranges are those of the{' '}
              <Link external href={spec.docUrl}>
                recipe&apos;s page in the Amazon Personalize guide
              </Link>
              ; only values you change are sent.
              {isSandbox && spec.hyperParameters.length > 0
                ? ` The Local sandbox's model reads ${spec.sandboxUses.length === 0 ? 'none of them' : spec.sandboxUses.join(', ')}; Amazon Personalize reads them all.`
                : ''}
            </Box>
            <FormField
              label="Solution name"
              constraintText="Letters, digits, - and _; at most 63 characters."
              errorText={nameError}
            >
              <Input value={name} onChange={({ detail }) => setName(detail.value)} />
            </FormField>
            {spec.hyperParameters.length === 0 ? (
              <Box color="text-body-secondary">This recipe has no hyperparameters to set.</Box>
            ) : (
              <ColumnLayout columns={2}>
                {spec.hyperParameters.map((parameter) => (
                  <FormField
                    key={parameter.name}
                    label={parameter.name}
                    description={parameter.description}
                    constraintText={constraintText(parameter)}
                    errorText={problems[parameter.name]}
                  >
                    {parameter.type === 'boolean' ? (
                      <Select
                        ariaLabel={parameter.name}
                        selectedOption={{
                          value: values[parameter.name] ?? parameter.defaultValue,
                          label: values[parameter.name] ?? parameter.defaultValue,
                        }}
                        options={[
                          { value: 'true', label: 'true' },
                          { value: 'false', label: 'false' },
                        ]}
                        onChange={({ detail }) =>
                          setValues({
                            ...values,
                            [parameter.name]: detail.selectedOption.value ?? '',
                          })
                        }
                      />
                    ) : (
                      <Input
                        ariaLabel={parameter.name}
                        inputMode={parameter.type === 'integer' ? 'numeric' : 'decimal'}
                        value={values[parameter.name] ?? ''}
                        onChange={({ detail }) =>
                          setValues({ ...values, [parameter.name]: detail.value })
                        }
                      />
                    )}
                  </FormField>
                ))}
              </ColumnLayout>
            )}
          </SpaceBetween>
        </Form>
      </form>
    </Modal>
  );
}
