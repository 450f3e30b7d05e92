/**
 * Fallbacks for the REST operations of the events API that `RuntimeService` does not serve (it
 * answers `UnknownOperationException` for them; SPEC §1.3, §3.5, §3.6): PutActions and
 * PutActionInteractions. Each validates its body against the model, resolves the tracker or
 * dataset it names and answers the modelled output shape; the records are accepted without being
 * added to the datasets (the sandbox trains no action model).
 */
import { STATUS } from '../../shared/personalize.js';
import { ServiceError, notFound } from './errors.js';
import { validateServiceInput } from './control-plane/validate.js';
import type { SandboxStore } from './store.js';

/** Paths of the operations {@link handleRuntimeRoute} serves. */
export const EXTRA_RUNTIME_PATHS: readonly string[] = ['/actions', '/action-interactions'];

const EVENTS_OPERATIONS: Readonly<Record<string, string>> = {
  '/actions': 'PutActions',
  '/action-interactions': 'PutActionInteractions',
};

function parseBody(bodyText: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
  } catch (error) {
    throw Object.assign(
      new ServiceError('SerializationException', 'Request body is not valid JSON.'),
      { cause: error },
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ServiceError('SerializationException', 'Request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function requireTracker(store: SandboxStore, trackingId: unknown): void {
  const found = store
    .list('modelled')
    .some(
      (resource) =>
        resource.type === 'event-tracker' &&
        resource.fields.trackingId === trackingId &&
        resource.status === STATUS.active,
    );
  if (!found)
    throw new ServiceError(
      'ResourceNotFoundException',
      `No ACTIVE event tracker has tracking id ${String(trackingId)}.`,
      404,
    );
}

function requireActiveDataset(store: SandboxStore, datasetArn: unknown): void {
  const dataset = typeof datasetArn === 'string' ? store.get('dataset', datasetArn) : undefined;
  if (!dataset) throw notFound(String(datasetArn), 404);
  // The events model's ResourceInUseException is HTTP 409 (SPEC §1.4).
  if (dataset.status !== STATUS.active)
    throw new ServiceError(
      'ResourceInUseException',
      `Dataset ${dataset.arn} is ${dataset.status}.`,
      409,
    );
}

/**
 * Serves one of {@link EXTRA_RUNTIME_PATHS} (trailing `/` removed).
 *
 * Both answer `{}` (both SDKs ignore the body, SPEC §1.3).
 *
 * @throws ServiceError `SerializationException` / `InvalidInputException` (400, body and model
 *   constraints), `ResourceNotFoundException` (404: tracking id, dataset),
 *   `ResourceInUseException` (409: dataset not ACTIVE).
 */
export function handleRuntimeRoute(
  store: SandboxStore,
  path: string,
  bodyText: string,
): Record<string, unknown> {
  const body = parseBody(bodyText);
  const eventsOperation = EVENTS_OPERATIONS[path] ?? 'PutActions';
  validateServiceInput('personalize-events', eventsOperation, body);
  if (eventsOperation === 'PutActionInteractions') requireTracker(store, body.trackingId);
  else requireActiveDataset(store, body.datasetArn);
  return {};
}
