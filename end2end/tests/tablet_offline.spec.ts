import { test, expect, type Page } from "@playwright/test";
import {
  desktop,
  hydrated,
  keptCase,
  navigate,
  openFromWorkList,
  phone,
  readyOffline,
  recordDispute,
  signedIn,
  synced,
  tablet,
  watchConsole,
} from "./people";

// Issue 13, the tablet's Done-when: a village cadre signs in online; with the Wi-Fi gone, the
// work list, a case never opened before and the inbox open from the device; a step taken
// offline shows as waiting and is not offered again (the next one is); back online it syncs. A
// step another device took first wins, and the tablet's page says so in words.

/** Opens the work list and a case on it by its summary (client-side: works offline). */
async function openCase(page: Page, summary: string) {
  await navigate(page, "办案");
  await expect(page.getByRole("heading", { level: 1, name: "本单位在办案件" })).toBeVisible();
  await page.locator(".work-item", { hasText: summary }).getByRole("link", { name: summary }).click();
  await expect(page).toHaveURL(/\/cases\//);
  await expect(page.locator(".case-summary")).toContainText(summary);
}

test("the village's tablet works its cases offline, and a conflicting step from another device wins", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const first = `离线办案：楼上漏水渗到楼下 ${stamp}`;
  const second = `离线办案：共用车位被长期占用 ${stamp}`;
  const grid = await signedIn(browser, "grid", phone);
  for (const summary of [first, second]) {
    await navigate(grid.page, "登记纠纷");
    await recordDispute(grid.page, { summary, applicant: "赵大姐", respondent: "钱师傅" });
  }
  await synced(grid.page);

  // The cadre signs in on the tablet and stays on the home page: neither case is opened online.
  const cadre = await signedIn(browser, "village", tablet);
  const page = cadre.page;
  const panics = watchConsole(page);
  await hydrated(page);
  await readyOffline(page);
  await keptCase(page, first);
  await keptCase(page, second);

  await cadre.context.setOffline(true);
  // Every navigation item opens offline, none blaming the server, none panicking.
  for (const item of ["首页", "排查", /消息/, "办案"]) {
    await navigate(page, item);
    await expect(page.locator("main h1")).toBeVisible();
    await expect(page.getByText("服务器出错")).toHaveCount(0);
  }
  await navigate(page, "办案");
  await expect(page.getByRole("heading", { level: 1, name: "本单位在办案件" })).toBeVisible();
  await expect(page.getByTestId("kept-note")).toContainText("离线：显示的是本机");
  await expect(page.locator(".work-item", { hasText: first })).toContainText("未签收");
  await expect(page.locator(".work-item", { hasText: second })).toBeVisible();
  await expect(page.getByText("服务器出错")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/work-list-offline-tablet.png", fullPage: true });

  // A case never opened before opens from the device; 签收 taken offline waits and is not
  // offered again, 受理 is offered next.
  await openCase(page, first);
  await expect(page.getByTestId("kept-note")).toBeVisible();
  await page.getByRole("button", { name: "签收", exact: true }).click();
  await expect(page.getByTestId("waiting-steps")).toContainText("签收");
  await expect(page.locator(".waiting-badge")).toHaveText("待同步");
  await expect(page.getByRole("button", { name: "签收", exact: true })).toHaveCount(0);
  await expect(page.locator(".lead-actions").getByRole("button", { name: "受理", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/case-step-waiting-tablet.png", fullPage: true });

  // The inbox opens from the device: the cases routed here are there.
  await navigate(page, /消息/);
  await expect(page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();
  await expect(page.locator(".notification", { hasText: first })).toBeVisible();

  // 受理 on the second case, offline.
  await openCase(page, second);
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.getByTestId("waiting-steps")).toContainText("受理");

  // Meanwhile a colleague at the desk declines the second case, online: that step wins.
  const desk = await signedIn(browser, "village", desktop);
  await openFromWorkList(desk.page, second);
  const decline = desk.page.locator("details[data-action=decline]");
  await decline.locator("summary").click();
  await desk.page.getByLabel("不予受理的理由").fill("双方已自行协商，申请人撤回");
  await decline.locator("button[type=submit]").click();
  await expect(desk.page.locator(".case-status")).toHaveText("不予受理", { timeout: 15_000 });

  // Back online: 签收 arrives; 受理 is refused, and the tablet says so on the case and in the
  // sync line, in words.
  await cadre.context.setOffline(false);
  await expect(page.getByTestId("step-refused")).toContainText("「受理」未被接受", { timeout: 20_000 });
  await expect(page.getByTestId("sync-refused")).toContainText("受理");
  await expect(page.locator(".case-status")).toHaveText("不予受理");
  await page.screenshot({ path: "test-results/screens/case-step-refused-tablet.png", fullPage: true });
  await page.getByTestId("step-refused").getByRole("button", { name: "知道了" }).click();
  await expect(page.getByTestId("step-refused")).toHaveCount(0);
  await expect(page.getByTestId("sync-refused")).toHaveCount(0);

  await openCase(page, first);
  await expect(page.getByTestId("waiting-steps")).toHaveCount(0);
  await expect(page.locator(".timeline-entry[data-kind=acknowledged]")).toHaveCount(1);
  await expect(page.locator(".lead-actions").getByRole("button", { name: "受理", exact: true })).toBeVisible();
  expect(panics, panics.join("\n")).toEqual([]);
  for (const context of [grid.context, cadre.context, desk.context]) await context.close();
});
