/**
 * The console's form as a test drives it: fields found by the JSON path of the value they edit
 * (`data-path`, as the shared validation names it), dropdowns, and Save.
 */
import type { Locator, Page } from "playwright-core";

export const field = (page: Page, path: string): Locator => page.locator(`[data-path="${path}"]`).first();

export const input = (page: Page, path: string): Locator =>
  field(page, path).locator("input, textarea").first();

/** Opens the dropdown at `path` and picks the first option with this name. */
export async function choose(page: Page, path: string, option: string | RegExp): Promise<void> {
  await field(page, path).getByRole("combobox").click();
  await page.getByRole("option", { name: option }).first().click();
}

/** Save, and wait until the save bar names the version the save made. */
export async function save(page: Page, expectVersion: number): Promise<void> {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page
    .getByTestId("version")
    .filter({ hasText: `Version ${expectVersion}` })
    .waitFor();
}
