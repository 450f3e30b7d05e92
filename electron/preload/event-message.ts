/** A push event as it travels over `studio:event`. */
export interface EventMessage {
  readonly name: string;
  readonly payload: unknown;
}

/** True when an IPC message has the `{name: string, payload}` shape of a push event. */
export function isEventMessage(message: unknown): message is EventMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    'name' in message &&
    typeof message.name === 'string' &&
    'payload' in message
  );
}
