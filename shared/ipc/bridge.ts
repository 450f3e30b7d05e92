import { CHANNELS, type Channel, type ChannelInput, type ChannelOutput } from './contract.js';
import type { Envelope } from './envelope.js';
import type { EventName, EventPayload } from './events.js';

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}.${infer V}` ? V : never;

/** Subscribes to a push event; returns the unsubscribe function. */
export type Subscribe = <E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void,
) => () => void;

/**
 * What the renderer gets as `window.studio`: named functions generated from the contract,
 * `studio.poc.import({workspaceId})`, each calling exactly one channel (SECURITY.md item 20),
 * plus `on` for push events. Both the Electron preload and the browser-host client build it
 * with {@link buildBridge}.
 */
export type StudioBridge = {
  readonly [D in DomainOf<Channel>]: {
    readonly [V in VerbOf<Channel, D>]: (
      input: ChannelInput<`${D}.${V}` & Channel>,
    ) => Promise<Envelope<ChannelOutput<`${D}.${V}` & Channel>>>;
  };
} & { readonly on: Subscribe };

/** Transport: sends one contract call and resolves to its envelope. */
export type CallTransport = (channel: Channel, input: unknown) => Promise<Envelope<unknown>>;

/**
 * Builds a frozen {@link StudioBridge} over a transport: one function per contract channel,
 * nothing else. Unknown channels cannot be called because no function exists for them.
 */
export function buildBridge(call: CallTransport, on: Subscribe): StudioBridge {
  const domains: Record<
    string,
    Record<string, (input: unknown) => Promise<Envelope<unknown>>>
  > = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = channel.split('.') as [string, string];
    domains[domain] ??= {};
    domains[domain][verb] = (input: unknown) => call(channel, input);
  }
  for (const value of Object.values(domains)) Object.freeze(value);
  return Object.freeze({ ...domains, on }) as unknown as StudioBridge;
}
