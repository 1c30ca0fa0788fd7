import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { desktop, hydrated, navigate, phone, readyOffline, recordDispute, signedIn, synced, tablet, watchConsole } from "./people";

// Issue 16, item 2: 统计 is the township's home. On a tablet it shows the rates with how each
// is counted, the counts, and the charts with their tables; a figure opens the list of the
// cases it counts, and the list holds exactly that many. Offline the figures last seen open
// from the device, saying when.
test("the township's figures on a tablet lead to the cases they count, online and offline", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  // grid2 of 樟树潭社区 (the weekly sweep's test needs 沙湾村's grids without records).
  const grid = await signedIn(browser, "grid2", phone);
  await navigate(grid.page, "登记纠纷");
  await recordDispute(grid.page, { summary: `统计：楼道堆物 ${stamp}`, applicant: "吴阿姨", respondent: "邻居老郑" });
  await synced(grid.page);

  const township = await signedIn(browser, "township", tablet);
  const page = township.page;
  const panics = watchConsole(page);
  const dashboard = page.getByTestId("dashboard");
  await expect(dashboard.getByRole("heading", { name: "统计" })).toBeVisible();
  await expect(page.getByTestId("period-shown")).toContainText(/\d{4}-01 至 \d{4}-\d{2}/);
  for (const rate of ["受理率", "调解成功率", "小事不出村", "大事不出镇", "按期办结率", "满意率"]) {
    await expect(dashboard.locator(".rate-tile", { hasText: rate })).toBeVisible();
  }
  // A chart drawn, and its numbers as a table.
  const trend = page.getByTestId("chart-trend");
  await expect(trend.locator("svg rect.bar.received:not([height=\"0\"])").first()).toBeVisible();
  await expect(trend.locator("table")).toBeVisible();
  await expect(page.getByTestId("chart-funnel").locator("svg")).toBeVisible();
  // How a rate is counted, one tap away.
  const acceptance = dashboard.locator(".rate-tile", { hasText: "受理率" });
  await acceptance.locator("summary", { hasText: "口径" }).click();
  await expect(acceptance).toContainText("不予受理");
  await page.screenshot({ path: "test-results/screens/dashboard-township-tablet.png", fullPage: true });

  // 收案: the number, then the list behind it.
  const received = dashboard.locator(".count-tile", { hasText: "收案" });
  const count = Number(await received.locator(".figure-value").innerText());
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(50);
  await received.locator("a").click();
  await expect(page).toHaveURL(/\/cases\?from=.*figure=received/);
  await hydrated(page);
  await expect(page.getByTestId("figure-chip")).toContainText("收案");
  await expect(page.locator(".case-list-item", { hasText: String(stamp) })).toBeVisible();
  await expect(page.locator(".case-list-item")).toHaveCount(count);
  await expect(page.getByTestId("list-total")).toHaveText(new RegExp(`^共 ${count} 件( · 第 1 页)?$`));
  await page.screenshot({ path: "test-results/screens/dashboard-figure-cases-tablet.png", fullPage: true });

  // Another period by its form: last year has no case of this township.
  await page.goto("/");
  await hydrated(page);
  const year = new Date().getFullYear() - 1;
  await page.getByLabel("起始月份").fill(`${year}-01`);
  await page.getByLabel("截止月份").fill(`${year}-12`);
  await page.getByRole("button", { name: "统计", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`from=${year}-01&to=${year}-12`));
  await expect(page.getByTestId("dashboard-empty")).toBeVisible();
  await page.goBack();
  await expect(dashboard.locator(".count-tile", { hasText: "收案" }).locator(".figure-value")).toHaveText(String(count));

  // Offline: the figures last seen, with when they were fetched; the period form waits.
  await readyOffline(page);
  await township.context.setOffline(true);
  await page.goto("/");
  await hydrated(page);
  await expect(dashboard.locator(".count-tile", { hasText: "收案" }).locator(".figure-value")).toHaveText(String(count));
  await expect(page.getByTestId("kept-note")).toBeVisible();
  await expect(page.getByRole("button", { name: "统计", exact: true })).toBeDisabled();
  await expect(page.getByText("服务器出错")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/dashboard-offline-tablet.png", fullPage: true });
  await township.context.setOffline(false);
  expect(panics, panics.join("\n")).toEqual([]);
});

test("the county's figures fit a phone", async ({ browser }) => {
  const county = await signedIn(browser, "county", phone);
  const page = county.page;
  await expect(page.getByTestId("dashboard")).toBeVisible();
  await expect(page.getByTestId("chart-categories").locator("table")).toBeVisible();
  // The success rate is resolved of those ended: both stand beside it, and it keeps to one line.
  await expect(page.getByTestId("chart-categories").locator("thead th")).toHaveText(["类别", "收案", "已办结", "调解成功", "调解成功率"]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  // Every category's name whole above its bar, none cut at the chart's left edge.
  for (const label of await page.getByTestId("chart-categories").locator("svg text.axis-label").all()) {
    expect((await label.boundingBox())!.x).toBeGreaterThanOrEqual(0);
  }
  await page.screenshot({ path: "test-results/screens/dashboard-county-phone.png", fullPage: true });
  // A figure leads to its cases, the first of them on the first screen: the filters the
  // figure set stay folded under 筛选, which says how many are set.
  await page.getByTestId("dashboard").locator(".count-tile", { hasText: "收案" }).locator("a").click();
  await expect(page).toHaveURL(/figure=received/);
  await hydrated(page);
  await expect(page.locator(".more-filters")).not.toHaveAttribute("open", "");
  await expect(page.locator(".more-filters summary")).toContainText(/已选 \d+ 项/);
  const first = await page.locator(".case-list-item, [data-testid=list-empty]").first().boundingBox();
  expect(first!.y).toBeLessThan(740);
  await page.screenshot({ path: "test-results/screens/dashboard-figure-cases-phone.png" });
});

test("the county opens its monthly report from the figures and downloads it as Excel and CSV", async ({ browser }) => {
  const county = await signedIn(browser, "county", desktop);
  const page = county.page;
  const panics = watchConsole(page);
  await page.getByTestId("dashboard").getByRole("link", { name: "月报", exact: true }).click();
  await expect(page).toHaveURL(/\/reports\?from=\d{4}-01&to=/);
  await expect(page.getByRole("heading", { level: 1, name: "月报" })).toBeVisible();
  const units = page.getByTestId("report-units");
  await expect(units.locator("tbody tr").first().locator("th")).toHaveText("衢江区");
  await expect(units.locator("thead")).toContainText("受理率");
  await expect(units.locator("tbody th", { hasText: "樟潭街道" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/report-county-desktop.png", fullPage: true });
  for (const [testid, extension] of [["download-xlsx", ".xlsx"], ["download-csv", ".csv"]]) {
    const download = page.waitForEvent("download");
    await page.getByTestId(testid).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^月报_\\d{4}-\\d{2}_\\d{4}-\\d{2}\\${extension}$`));
    expect(await file.failure()).toBeNull();
  }
  // On a phone the unit's name wraps beside the numbers rather than covering them.
  await page.setViewportSize(phone);
  const box = await page.getByTestId("report-units").locator("xpath=..").boundingBox();
  const name = await units.locator("tbody th").first().boundingBox();
  expect(name!.width).toBeLessThan(box!.width / 2);
  await page.screenshot({ path: "test-results/screens/report-county-phone.png", fullPage: true });
  // Offline: the report last fetched, saying when.
  const address = page.url();
  await readyOffline(page);
  await county.context.setOffline(true);
  await page.goto(address);
  await hydrated(page);
  await expect(units.locator("tbody th", { hasText: "樟潭街道" })).toBeVisible();
  await expect(page.getByTestId("kept-note")).toContainText("离线：显示的是本机");
  await county.context.setOffline(false);
  expect(panics, panics.join("\n")).toEqual([]);
});

/** The derivation of the figures the test server's database holds, read or set straight in it. */
function figuresVersion(set?: number): number {
  const database = process.env.E2E_DATABASE;
  if (!database) throw new Error("E2E_DATABASE is not set: run the suite through scripts/e2e.sh");
  const out = execFileSync("python3", [
    "-c",
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); " +
      "len(sys.argv) > 2 and c.execute(\"UPDATE derived_versions SET version = ? WHERE name = 'figures'\", (int(sys.argv[2]),)); " +
      "c.commit(); print(c.execute(\"SELECT version FROM derived_versions WHERE name = 'figures'\").fetchone()[0])",
    database,
    ...(set === undefined ? [] : [String(set)]),
  ]);
  return Number(out.toString().trim());
}

// After an upgrade that counts the figures differently the server recounts them in the
// background (server/tests/figures_upgrade.rs). Meanwhile 统计 and 月报 say so and offer no
// download, and the export answers 503 naming why: a report sent on counts every case one way.
// Here the database is marked as counted by an older build while the server runs.
test("while the figures are recounted after an upgrade, the county is told and the report waits", async ({ browser }) => {
  const current = figuresVersion();
  figuresVersion(current - 1);
  try {
    const county = await signedIn(browser, "county", desktop);
    const page = county.page;
    const panics = watchConsole(page);
    await expect(page.getByTestId("recounting")).toContainText("正在按新口径重新计算全部案件");
    await expect(page.getByTestId("download-xlsx")).toHaveCount(0);
    await page.goto("/reports");
    await hydrated(page);
    await expect(page.getByTestId("recounting")).toContainText("月报暂不能导出");
    await expect(page.getByTestId("download-csv")).toHaveCount(0);
    await page.setViewportSize(phone);
    await page.screenshot({ path: "test-results/screens/report-recounting-phone.png" });
    const answer = await page.request.get("/api/v1/reports/monthly?format=csv");
    expect(answer.status()).toBe(503);
    expect((await answer.json()).message).toContain("重新计算");
    // Recounted: the note goes and the files are offered again.
    figuresVersion(current);
    await page.reload();
    await hydrated(page);
    await expect(page.getByTestId("download-csv")).toBeVisible();
    await expect(page.getByTestId("recounting")).toHaveCount(0);
    expect(panics, panics.join("\n")).toEqual([]);
  } finally {
    figuresVersion(current);
  }
});
