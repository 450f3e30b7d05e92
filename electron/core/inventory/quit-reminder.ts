import type { RunningCost } from '../../../shared/ipc/inventory.js';
import { quitReminderText } from '../../../shared/rules/prices.js';

/** What {@link shouldQuit} shows: the reminder text; resolves true when the user chooses to quit anyway. */
export type QuitPrompt = (message: string) => Promise<boolean>;

/**
 * Decides whether the app may quit: while campaigns of any AWS workspace bill by the hour
 * (`inventory.runningCost`, from the resource caches: no service call, so quitting offline is
 * not delayed), asks `prompt` with the reminder naming them; otherwise quits at once. A failing
 * cost read never blocks quitting.
 */
export async function shouldQuit(
  readRunningCost: () => Promise<RunningCost>,
  prompt: QuitPrompt,
): Promise<boolean> {
  let message: string | undefined;
  try {
    message = quitReminderText(await readRunningCost());
  } catch {
    return true;
  }
  return message === undefined ? true : prompt(message);
}
