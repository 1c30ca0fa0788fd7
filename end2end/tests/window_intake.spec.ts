import { test, expect } from "@playwright/test";
import { desktop, hydrated, navigate, recordDispute, signedIn, synced, watchConsole } from "./people";

// Issue 16, item 4: 一窗受理. A clerk of the county's 矛调中心 registers, on a desktop, a dispute
// that came in by the 12345 hotline. The same form as the phone's, plus its source; the same
// outbox; routed by the rules from the county — a simple matter stays at the county, it is not
// sent down to a grid — and it arrives in the county's own work list, saying how it came in.
test("a county clerk registers a hotline dispute on a desktop, and the county works it", async ({ browser }) => {
  test.setTimeout(120_000);
  const summary = `12345转来：小区广场舞噪音 ${Date.now()}`;
  const county = await signedIn(browser, "county", desktop);
  const page = county.page;
  const panics = watchConsole(page);
  await page.getByTestId("record-at-window").click();
  await expect(page).toHaveURL(/\/record$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "登记矛盾纠纷" })).toBeVisible();
  // A window always says how the dispute came in: a visit unless chosen otherwise.
  const source = page.getByLabel("纠纷来源");
  await expect(source).toHaveValue("visit");
  await source.selectOption({ label: "12345 热线" });
  // The rules' preview names the county itself.
  await page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await expect(page.getByTestId("routing-preview")).toContainText("衢江区");
  // The reason says first that the window keeps it, then which rule would have placed it lower.
  await expect(page.getByTestId("kept-at-window")).toContainText(/^依据：本单位窗口受理的纠纷，由本单位办理，不转往下级（按规则「.+」本应由下级办理）。$/);
  await page.screenshot({ path: "test-results/screens/window-intake-desktop.png", fullPage: true });
  await recordDispute(page, { summary, applicant: "市民陈女士", respondent: "广场舞队", place: "衢江区滨江小区广场" });
  await synced(page);
  await expect(page.getByTestId("saved-case")).toContainText(/330803-\d{4}-\d{6}/);

  await navigate(page, "办案");
  await page.locator(".work-item", { hasText: summary }).getByRole("link", { name: summary }).click();
  await expect(page).toHaveURL(/\/cases\//);
  await hydrated(page);
  await expect(page.getByTestId("case-holder")).toHaveText("衢江区");
  await expect(page.getByTestId("case-source")).toHaveText("12345 热线");
  // Why it is at the county though the rule names a village; recorded by the county, not a grid.
  await expect(page.getByTestId("kept-at-window")).toBeVisible();
  await expect(page.locator(".timeline-entry[data-kind=recorded]")).toContainText("登记纠纷");
  // The routing names its rule and that the window keeps the case; the clerk has received it.
  await expect(page.locator(".timeline-entry[data-kind=routed]")).toContainText("本单位窗口受理的纠纷，由本单位办理，不转往下级");
  await expect(page.locator(".timeline-entry[data-kind=acknowledged]")).toContainText("陈静");
  await expect(page.getByRole("button", { name: "签收", exact: true })).toHaveCount(0);
  await expect(page.locator(".timeline-entry[data-kind=recorded]")).not.toContainText("网格员");
  await page.screenshot({ path: "test-results/screens/window-intake-case-desktop.png", fullPage: true });
  expect(panics, panics.join("\n")).toEqual([]);
});

test("a court's user is not offered the form: it entrusts instead", async ({ browser }) => {
  const court = await signedIn(browser, "court", desktop);
  await court.page.goto("/record");
  await expect(court.page.getByTestId("desk-closed")).toBeVisible();
});
