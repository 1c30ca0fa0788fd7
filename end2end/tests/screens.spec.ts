import { test, expect } from "@playwright/test";
import { hydrated, keptCase, navigate, phone, readyOffline, recordDispute, signedIn, synced, tablet, watchConsole } from "./people";

// Issue 13: the record form, its confirmation, a case page and the offline pages, on the phone
// and on a tablet, as screenshots to look at (test-results/screens/), with no console panic.

for (const [name, viewport] of [["phone", phone], ["tablet", tablet]] as const) {
  test(`the form, the confirmation, a case and the offline pages on the ${name}`, async ({ browser }) => {
    const grid = await signedIn(browser, "grid2", viewport);
    const page = grid.page;
    const panics = watchConsole(page);
    await navigate(page, "登记纠纷");
    await hydrated(page);
    await page.screenshot({ path: `test-results/screens/form-${name}.png`, fullPage: true });
    const summary = `截图：小区充电桩占用 ${name} ${Date.now()}`;
    await recordDispute(page, { summary, applicant: "周先生", respondent: "物业公司" });
    await synced(page);
    await expect(page.getByTestId("saved-case").locator(".case-number")).toHaveText(/^\d{6}-\d{4}-\d{6}$/, { timeout: 20_000 });
    await page.screenshot({ path: `test-results/screens/confirmation-${name}.png` });
    await page.getByTestId("saved-case").getByRole("link", { name: "查看此案" }).click();
    await expect(page.locator(".case-summary")).toContainText(summary);
    await page.screenshot({ path: `test-results/screens/case-${name}.png`, fullPage: true });
    await keptCase(page, summary);
    await readyOffline(page);
    await grid.context.setOffline(true);
    await navigate(page, "首页");
    await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/home-offline-${name}.png`, fullPage: true });
    await page.locator(".case-row", { hasText: summary }).getByRole("link").click();
    await expect(page.getByTestId("kept-note")).toBeVisible();
    await page.screenshot({ path: `test-results/screens/case-offline-${name}.png`, fullPage: true });
    expect(panics, panics.join("\n")).toEqual([]);
    await grid.context.close();
  });
}
