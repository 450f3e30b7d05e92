import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { METRIC_KEYS, type MetricKey } from '../../shared/personalize.js';

/** Where step screenshots go (a CI artifact; ignored by git). */
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '..', 'artifacts');

/** Long waits of the guided flow, in ms: import, training and deployment run on the sandbox. */
const JOB_TIMEOUT_MS = 240_000;

/** The table shows each metric with 4 decimals; fails when the cell shows something else. */
function expectShownAsFourDecimals(shown: string, value: number): void {
  if (!shown.trim().startsWith(value.toFixed(4))) {
    throw new Error(
      `metric cell shows "${shown}" for value ${value}; expected ${value.toFixed(4)}`,
    );
  }
}

/** `text` with the characters that mean something in a regular expression escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * Page object of the studio's guided POC: finds controls by role and accessible name as a user
 * would, and reads values through the `data-testid`s the renderer exposes.
 */
export class StudioPage {
  constructor(readonly page: Page) {}

  /** Opens the app and waits for `data-app-state="ready"`. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('body[data-app-state="ready"]').waitFor({ timeout: 60_000 });
  }

  /** Saves a screenshot of the window as `artifacts/<name>.png`. */
  async screenshot(name: string): Promise<void> {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    // The app layout scrolls inside the window, so the viewport is what a user sees.
    await this.page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
  }

  /** Chooses a file for a dataset through the host's file browser by typing its path. */
  async chooseFile(datasetType: 'interactions' | 'items', filePath: string): Promise<void> {
    await this.page.getByRole('button', { name: `Choose file for ${datasetType}` }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'File path' }).fill(filePath);
    await dialog.getByRole('button', { name: 'Use this file' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Text of an element by test id, once visible. */
  async text(testId: string, timeoutMs = 60_000): Promise<string> {
    const locator = this.page.getByTestId(testId);
    await locator.waitFor({ timeout: timeoutMs });
    return (await locator.innerText()).trim();
  }

  /** Waits until the element's `data-<attribute>` equals `value`; fails early on a failed status. */
  async waitForAttribute(
    testId: string,
    attribute: string,
    value: string,
    timeoutMs = JOB_TIMEOUT_MS,
  ): Promise<void> {
    const locator = this.page.getByTestId(testId);
    try {
      await this.page.waitForFunction(
        ({ id, name, expected }) => {
          const element = document.querySelector(`[data-testid="${id}"]`);
          const actual = element?.getAttribute(`data-${name}`) ?? '';
          if (actual.endsWith('FAILED')) throw new Error(`${id} is ${actual}`);
          return actual === expected;
        },
        { id: testId, name: attribute, expected: value },
        { timeout: timeoutMs, polling: 250 },
      );
    } catch (error) {
      // Say what the page showed instead: the attribute's last value and any alert's text,
      // with a screenshot beside the step screenshots.
      const seen = await this.page
        .evaluate(
          ({ id, name }) => ({
            actual: document.querySelector(`[data-testid="${id}"]`)?.getAttribute(`data-${name}`),
            alerts: [...document.querySelectorAll('[role="alert"], [data-testid$="-error"]')]
              .map((element) => (element as HTMLElement).innerText.trim())
              .filter((text) => text !== ''),
          }),
          { id: testId, name: attribute },
        )
        .catch(() => undefined);
      await this.screenshot(`failed-${testId}-${attribute}`).catch(() => undefined);
      throw new Error(
        `${testId} data-${attribute} never became "${value}" (last: ${JSON.stringify(seen?.actual ?? null)}; alerts: ${JSON.stringify(seen?.alerts ?? [])})`,
        { cause: error },
      );
    }
    // The element may be rendered anew just after it showed the value (a list re-mounted by the
    // next answer): scrolling is for the screenshots, so a detached element is read once more.
    await locator
      .scrollIntoViewIfNeeded()
      .catch(() => locator.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined));
  }

  /** Clicks a button by accessible name (exact). */
  async click(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  /** Goes to a step through the side navigation (e.g. "3. Solutions"). */
  async goToStep(linkName: string): Promise<void> {
    await this.page.getByRole('link', { name: linkName }).click();
  }

  /** Name of the workspace the top bar's switcher shows. */
  async currentWorkspace(): Promise<string> {
    const locator = this.workspaceSwitcher();
    await locator.waitFor();
    return (await locator.innerText()).trim();
  }

  /** The top bar's workspace switcher: the button showing the workspace's name. */
  workspaceSwitcher(): Locator {
    // The top bar also renders a hidden copy of its utilities to measure them: the visible one.
    return this.page.getByRole('button', { name: /Switch workspace$/u }).filter({ visible: true });
  }

  /**
   * Switches workspace through the top bar's switcher (items are "name" + target) and waits
   * until the switcher and the account banner show it.
   */
  async switchWorkspace(name: string): Promise<void> {
    await this.workspaceSwitcher().click();
    await this.page
      .getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(name)}\\b`, 'u') })
      .click();
    await this.workspaceSwitcher().filter({ hasText: name }).waitFor();
    await this.page.locator('body[data-app-state="ready"]').waitFor({ timeout: 60_000 });
  }

  /**
   * Creates a workspace on an AWS profile with "New workspace…" (the studio then shows it).
   * `accountId` is typed only when given; `beforeSubmit` runs on the filled form.
   * @throws Error with the form's message when the profiles cannot be listed.
   */
  async createAwsWorkspace(
    input: {
      name: string;
      profile: string;
      region: string;
      accountId?: string;
      prefix?: string;
    },
    beforeSubmit?: () => Promise<void>,
  ): Promise<void> {
    await this.workspaceSwitcher().click();
    await this.page.getByRole('menuitem', { name: 'New workspace…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New workspace' });
    try {
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(input.name);
      await dialog.getByRole('radio', { name: /^AWS account/u }).check();
      // The profile comes from the list the core reads from the AWS config files; when it cannot
      // list them, the form says why: fail with that message rather than a timeout.
      const profileSelect = dialog.getByRole('button', { name: /AWS profile/u });
      const profilesError = dialog.getByTestId('profiles-error');
      await profileSelect.or(profilesError).first().waitFor();
      if (await profilesError.isVisible()) {
        throw new Error(
          `the New workspace form could not list the AWS profiles: ${(await profilesError.innerText()).trim()}`,
        );
      }
      await profileSelect.click();
      await this.page
        .getByRole('option', { name: new RegExp(`^${escapeRegExp(input.profile)}`, 'u') })
        .click();
      await dialog.getByRole('textbox', { name: 'Region', exact: true }).fill(input.region);
      if (input.accountId !== undefined)
        await dialog
          .getByRole('textbox', { name: 'Account id', exact: true })
          .fill(input.accountId);
      if (input.prefix !== undefined)
        await dialog.getByRole('textbox', { name: 'Resource-name prefix' }).fill(input.prefix);
      await beforeSubmit?.();
      await dialog.getByRole('button', { name: 'Create workspace' }).click();
      await dialog.waitFor({ state: 'hidden' });
    } catch (error) {
      // Keep what the form showed, leave the window usable for the next tests, then report.
      if (await dialog.isVisible()) {
        await this.screenshot('new-workspace-failed');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
      }
      throw error;
    }
    await this.workspaceSwitcher().filter({ hasText: input.name }).waitFor();
  }

  /** Waits until the account banner is in `state` (`ok`, `wrongAccount`…); returns its account line. */
  async accountBanner(state: string, timeoutMs = 60_000): Promise<string> {
    await this.waitForAttribute('account-banner', 'state', state, timeoutMs);
    return this.text('account-label');
  }

  /**
   * Opens the Setup page, applies the setup and waits until the check finds every item present.
   * @returns the number of items checked.
   */
  async applySetup(onBeforeApply?: () => Promise<void>): Promise<number> {
    await this.goToStep('Setup');
    await this.page.getByTestId('setup-summary').waitFor();
    await this.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="setup-summary"]')?.getAttribute('data-complete') !==
        'unknown',
    );
    await onBeforeApply?.();
    await this.click('Apply setup');
    await this.waitForAttribute('setup-summary', 'complete', 'true');
    const states = await this.page
      .locator('[data-testid^="setup-state-"]')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-state')));
    if (states.length === 0 || states.some((state) => state !== 'present'))
      throw new Error(`setup items after apply: ${states.join(', ')}`);
    return states.length;
  }

  /** Reads the metrics table: recipe → metric key → value. */
  async metrics(recipes: readonly string[]): Promise<Record<string, Record<MetricKey, number>>> {
    const result: Record<string, Record<MetricKey, number>> = {};
    for (const recipe of recipes) {
      const row = {} as Record<MetricKey, number>;
      for (const key of METRIC_KEYS) {
        const cell = this.page.getByTestId(`metric-${recipe}-${key}`);
        await cell.waitFor();
        // The cell shows 4 decimals; data-value holds the service's full value.
        row[key] = Number(await cell.getAttribute('data-value'));
        expectShownAsFourDecimals(await cell.innerText(), row[key]);
      }
      result[recipe] = row;
    }
    return result;
  }

  /**
   * Chooses `option` in a Cloudscape Select found by its accessible name (the ariaLabel, e.g.
   * "Solution version"); `option` matches the start of the option's text.
   */
  async selectOption(selectName: string | RegExp, option: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name: selectName }).first().click();
    const name = typeof option === 'string' ? new RegExp(`^${escapeRegExp(option)}`, 'u') : option;
    await this.page.getByRole('option', { name }).first().click();
  }

  /** Waits until the element whose test id starts with `prefix` and ends with `suffix` has `data-status` = `status`. */
  async waitForStatus(
    prefix: string,
    suffix: string,
    status: string,
    timeoutMs = JOB_TIMEOUT_MS,
  ): Promise<void> {
    await this.page.waitForFunction(
      ({ start, end, expected }) => {
        const element = [...document.querySelectorAll(`[data-testid^="${start}"]`)].find(
          (candidate) => candidate.getAttribute('data-testid')?.endsWith(end) === true,
        );
        const actual = element?.getAttribute('data-status') ?? '';
        if (actual.endsWith('FAILED')) throw new Error(`${start}…${end} is ${actual}`);
        return actual === expected;
      },
      { start: prefix, end: suffix, expected: status },
      { timeout: timeoutMs, polling: 250 },
    );
  }

  /** Item ids of the rows whose test id is `rowTestId` (e.g. `recommendation-row`), in order. */
  async itemIds(rowTestId: string): Promise<string[]> {
    return this.page
      .getByTestId(rowTestId)
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item-id') ?? ''));
  }

  /** Recommendation rows as shown: item id and the displayed title. */
  async recommendations(): Promise<Array<{ itemId: string; title: string }>> {
    const rows: Locator = this.page.getByTestId('recommendation-row');
    const count = await rows.count();
    const result: Array<{ itemId: string; title: string }> = [];
    for (let index = 0; index < count; index += 1) {
      const row = rows.nth(index);
      result.push({
        itemId: (await row.getAttribute('data-item-id')) ?? '',
        title: (await row.innerText()).trim(),
      });
    }
    return result;
  }

  /** Opens the Inventory page from the side navigation (its link, not the running-cost badge's). */
  async openInventory(): Promise<void> {
    await this.page.getByRole('link', { name: 'Inventory', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
  }

  /**
   * Waits for the top bar's running-cost badge whose accessible name matches `label`
   * ("Running cost: 2 campaigns, 0 recommenders in every workspace, billed on AWS…"); returns its visible text
   * ("2 campaigns, 0 recommenders in every workspace · $0.1668/h").
   */
  async runningCostBadge(label: RegExp, timeoutMs = 60_000): Promise<string> {
    const badge = this.page.getByRole('link', { name: label }).filter({ visible: true });
    await badge.waitFor({ timeout: timeoutMs });
    return (await badge.innerText()).trim();
  }
}
