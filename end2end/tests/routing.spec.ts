import { test, expect, type Page, type Browser } from "@playwright/test";

// Issue 5: the phone previews where a case will go; once synced, the receiving unit's cadre
// sees it appear live in their inbox, with the rule that sent it.
const PASSWORD = "fengqiao2026";
const phone = { width: 360, height: 740 };
const tablet = { width: 800, height: 1280 };

async function hydrated(page: Page) {
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
}

async function signedIn(browser: Browser, username: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator(".whoami-name")).toBeVisible();
  return { context, page };
}

test("the phone previews the route; the cadre sees the routed case arrive live", async ({ browser }) => {
  // The village cadre keeps the inbox open on a tablet.
  const cadre = await signedIn(browser, "village", tablet);
  await cadre.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /消息/ }).click();
  await expect(cadre.page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();
  await hydrated(cadre.page);
  const before = await cadre.page.locator(".notification").count();

  const grid = await signedIn(browser, "grid", phone);
  await grid.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记纠纷" }).click();
  const preview = grid.page.getByTestId("routing-preview");
  await expect(preview).toContainText("填写完整后");
  await grid.page.getByLabel("纠纷类别").selectOption("property_management");
  await grid.page.getByLabel("纠纷简要情况").fill("业主拖欠物业费八千元，物业公司停止保洁");
  await grid.page.locator("#party-0-name").fill("业主张某");
  await grid.page.locator("#party-1-name").fill("某物业公司");
  await grid.page.locator("#party-1-kind").selectOption("organisation");
  await grid.page.getByLabel("争议金额（元）").fill("8000");
  await grid.page.getByLabel("发生地点").fill("樟树潭社区5幢");
  await expect(preview).toContainText("樟树潭社区 — 人民调解");
  await expect(preview).toContainText("物业纠纷所涉数额1万元以下");
  await grid.page.getByLabel("事实清楚").check();
  await expect(preview).toContainText("物业纠纷事实清楚");
  await grid.page.screenshot({ path: "test-results/screens/record-routing-preview.png", fullPage: true });

  // A township government as a party changes the route, offline too.
  await grid.context.setOffline(true);
  await grid.page.locator("#party-1-kind").selectOption("government");
  await expect(preview).toContainText("衢江区行政争议调解中心 — 行政调解");
  await grid.page.locator("#party-1-kind").selectOption("organisation");
  await grid.context.setOffline(false);

  await grid.page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(grid.page.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });

  // Live: the cadre's inbox grows and the badge counts it, without a reload.
  await expect(cadre.page.locator(".notification")).toHaveCount(before + 1, { timeout: 15_000 });
  const newest = cadre.page.locator(".notification").first();
  await expect(newest).toContainText("新案件分派到本单位");
  await expect(newest).toContainText("业主拖欠物业费八千元");
  await expect(newest).toContainText("依据：物业纠纷事实清楚");
  await expect(cadre.page.getByTestId("unread-count")).toBeVisible();
  await cadre.page.screenshot({ path: "test-results/screens/inbox-village-live.png", fullPage: true });

  await cadre.page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(cadre.page.getByTestId("unread-count")).toHaveCount(0);
  await cadre.context.close();
  await grid.context.close();
});
