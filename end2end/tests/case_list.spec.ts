import { test, expect } from "@playwright/test";
import { desktop, hydrated, navigate, phone, readyOffline, recordDispute, signedIn, synced, tablet, watchConsole } from "./people";

// Issue 16, item 1: 案件查询. The township finds a case of one of its villages by the last digits
// of a party's phone, narrows the list to another grid, goes back, opens the case; the
// filters are the address. Offline, the list it saw opens from the device, saying when, and a
// search it never made says it needs the network — never blaming the server.
test("the township finds its villages' cases by phone, name and grid, online and offline", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const tail = String(stamp).slice(-4);
  const leak = `查询：楼上漏水渗到楼下 ${stamp}`;
  const noise = `查询：广场舞音响扰民 ${stamp}`;
  const grid = await signedIn(browser, "grid", phone);
  await navigate(grid.page, "登记纠纷");
  await recordDispute(grid.page, { summary: leak, applicant: "钱多多", respondent: "孙师傅", applicantPhone: `1390000${tail}` });
  await synced(grid.page);
  // grid2, not a 沙湾村 worker: the weekly sweep's test needs 沙湾村's grids without records.
  const other = await signedIn(browser, "grid2", phone);
  await navigate(other.page, "登记纠纷");
  await recordDispute(other.page, { summary: noise, applicant: "周大妈", respondent: "广场舞队", place: "樟树潭社区文化家园" });
  await synced(other.page);

  const township = await signedIn(browser, "township", tablet);
  const page = township.page;
  const panics = watchConsole(page);
  await navigate(page, "查询");
  await expect(page.getByRole("heading", { level: 1, name: "案件查询" })).toBeVisible();
  await expect(page.locator(".case-list-item", { hasText: leak })).toBeVisible();
  await expect(page.locator(".case-list-item", { hasText: noise })).toBeVisible();

  // By the phone's last four digits: only the leak, and the address says so.
  await page.getByLabel("搜索").fill(tail);
  await page.getByRole("button", { name: "查询", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/cases\\?q=${tail}`));
  await expect(page.locator(".case-list-item", { hasText: leak })).toBeVisible();
  await expect(page.locator(".case-list-item", { hasText: noise })).toHaveCount(0);
  // No phone number on the list, only names.
  await expect(page.locator(".case-list")).not.toContainText(`1390000${tail}`);
  await expect(page.locator(".case-list-item", { hasText: leak })).toContainText("钱多多");
  await page.screenshot({ path: "test-results/screens/case-list-search-tablet.png", fullPage: true });

  // The other grid, by the unit filter.
  await page.goto("/cases");
  await hydrated(page);
  await page.locator(".more-filters summary").click();
  const secondGrid = await page.locator("#cases-unit option", { hasText: "樟树潭社区第二网格" }).getAttribute("value");
  await page.getByLabel("经办单位").selectOption(secondGrid!);
  await page.getByRole("button", { name: "查询", exact: true }).click();
  // The address is the short link: the form's empty fields are not in it.
  await expect(page).toHaveURL(/\/cases\?unit=\d+$/);
  await expect(page.locator(".case-list-item", { hasText: noise })).toBeVisible();
  await expect(page.locator(".case-list-item", { hasText: leak })).toHaveCount(0);
  await expect(page.locator(".more-filters")).toHaveAttribute("open", "");
  // Back: the unfiltered list again, and the form says so (the unit chosen is unchosen).
  await page.goBack();
  await expect(page.locator(".case-list-item", { hasText: leak })).toBeVisible();
  await expect(page.locator("#cases-unit")).toHaveValue("");

  // By a party's name, then into the case.
  await page.getByLabel("搜索").fill("周大妈");
  await page.getByRole("button", { name: "查询", exact: true }).click();
  await expect(page.locator(".case-list-item")).toHaveCount(1);
  // Back and forward: the search box says what the list shows.
  await page.goBack();
  await expect(page.getByLabel("搜索")).toHaveValue("");
  await page.goForward();
  await expect(page.getByLabel("搜索")).toHaveValue("周大妈");
  await expect(page.locator(".case-list-item")).toHaveCount(1);
  await page.locator(".case-list-item", { hasText: noise }).getByRole("link", { name: noise }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.locator(".case-summary")).toContainText(noise);

  // On a phone and a desk.
  for (const [name, size] of [["phone", phone], ["desktop", desktop]] as const) {
    await page.setViewportSize(size);
    await page.goto("/cases");
    await hydrated(page);
    await expect(page.locator(".case-list-item", { hasText: leak })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/case-list-${name}.png`, fullPage: true });
  }

  // Offline: the list last seen opens from the device; a search never made says it needs the network.
  await page.setViewportSize(tablet);
  await readyOffline(page);
  await township.context.setOffline(true);
  await navigate(page, "首页");
  await navigate(page, "查询");
  await expect(page.getByTestId("kept-note")).toContainText("离线");
  await expect(page.locator(".case-list-item", { hasText: leak })).toBeVisible();
  await expect(page.getByText("服务器出错")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "查询", exact: true })).toBeDisabled();
  await page.screenshot({ path: "test-results/screens/case-list-offline-tablet.png", fullPage: true });
  expect(panics, panics.join("\n")).toEqual([]);
  await township.context.setOffline(false);
  for (const context of [grid.context, other.context, township.context]) await context.close();
});
