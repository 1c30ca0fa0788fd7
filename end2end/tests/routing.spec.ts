import { test, expect } from "@playwright/test";
import { desktop, hydrated, phone, signedIn, tablet } from "./people";

// Issue 5: the phone previews where a case will go; once synced, the receiving unit's cadre
// sees it appear live in their inbox, with the rule that sent it.

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
  await expect(preview).toContainText("选择纠纷类别后");
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

test("three people, three screens: recorded on a phone, escalated on a tablet, resolved in a browser, the result back on the phone", async ({ browser }) => {
    const cadre = await signedIn(browser, "village", tablet);
  const staff = await signedIn(browser, "township", desktop);
  for (const person of [cadre, staff]) {
    await person.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /消息/ }).click();
    await expect(person.page.getByRole("heading", { level: 1, name: "消息通知" })).toBeVisible();
  }
  const summary = "三方测试：楼上漏水殃及楼下，双方争执不下";

  // The grid worker records and syncs.
  const grid = await signedIn(browser, "grid", phone);
  await grid.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记纠纷" }).click();
  await grid.page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await grid.page.getByLabel("纠纷简要情况").fill(summary);
  await grid.page.locator("#party-0-name").fill("楼下陈某");
  await grid.page.locator("#party-1-name").fill("楼上林某");
  await grid.page.getByLabel("发生地点").fill("樟树潭社区2幢");
  await grid.page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(grid.page.getByTestId("pending-count")).toHaveText("0", { timeout: 20_000 });

  // The cadre sees it arrive live, opens it, acknowledges and escalates it.
  const arrived = cadre.page.locator(".notification", { hasText: summary });
  await expect(arrived).toContainText("新案件分派到本单位", { timeout: 15_000 });
  await arrived.getByRole("link", { name: summary }).click();
  await expect(cadre.page.getByTestId("case-holder")).toHaveText("樟树潭社区");
  await hydrated(cadre.page);
  await cadre.page.getByRole("button", { name: "签收" }).click();
  await expect(cadre.page.locator(".timeline-entry[data-kind=acknowledged]")).toHaveCount(1, { timeout: 15_000 });
  await cadre.page.locator("details[data-action=escalate] summary").click();
  await cadre.page.getByLabel("上报理由").fill("双方分歧大，村里调解三次未果");
  await cadre.page.locator("details[data-action=escalate] button[type=submit]").click();
  await expect(cadre.page.getByTestId("case-holder")).toHaveText("樟潭街道", { timeout: 15_000 });
  await cadre.page.screenshot({ path: "test-results/screens/case-escalated-tablet.png", fullPage: true });

  // The township sees it live, and resolves it.
  const escalated = staff.page.locator(".notification", { hasText: summary });
  await expect(escalated).toContainText("案件上报到本单位", { timeout: 15_000 });
  await expect(escalated).toContainText("双方分歧大");
  await escalated.getByRole("link", { name: summary }).click();
  await hydrated(staff.page);
  await expect(staff.page.getByTestId("case-holder")).toHaveText("樟潭街道");
  await staff.page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(staff.page.locator(".case-status")).toHaveText("已受理，调解中", { timeout: 15_000 });
  await staff.page.locator("details[data-action=resolve] summary").click();
  await staff.page.getByLabel("调解结果").fill("双方达成协议：楼上赔偿维修费2000元，三日内付清");
  await staff.page.locator("details[data-action=resolve] button[type=submit]").click();
  await expect(staff.page.locator(".case-status")).toHaveText("调解成功", { timeout: 15_000 });
  await expect(staff.page.locator(".timeline-entry[data-kind=escalated]")).toContainText("三级四步登记");
  await staff.page.screenshot({ path: "test-results/screens/case-resolved-desktop.png", fullPage: true });

  // The phone shows the result after its next sync.
  await grid.page.getByRole("button", { name: "立即同步" }).click();
  await grid.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "首页" }).click();
  const mine = grid.page.locator(".case-row", { hasText: summary });
  await expect(mine).toContainText("调解成功", { timeout: 15_000 });
  // The notification came with the pull too: readable on the phone with no network.
  await grid.context.setOffline(true);
  await grid.page.reload();
  await hydrated(grid.page);
  const recent = grid.page.locator("section", { has: grid.page.getByRole("heading", { name: "最新消息" }) });
  await expect(recent.locator(".notification", { hasText: summary }).first()).toContainText("案件办理结果");
  await grid.context.setOffline(false);
  await grid.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /消息/ }).click();
  // The grid worker heard of the acceptance too; the result is its own notice.
  const result = grid.page.locator(".notification", { hasText: summary }).filter({ hasText: "案件办理结果" });
  await expect(result).toContainText("双方达成协议");
  await grid.page.screenshot({ path: "test-results/screens/inbox-grid-result.png", fullPage: true });
  for (const person of [cadre, staff, grid]) await person.context.close();
});

test("the administrator reads the active rules, tries a case, and adds a group robot", async ({ browser }) => {
  const admin = await signedIn(browser, "admin", { width: 1366, height: 900 });
  await admin.page.getByRole("link", { name: "系统管理" }).click();
  const rules = admin.page.locator("section", { has: admin.page.getByRole("heading", { name: "分流规则" }) });
  await expect(rules.locator("[data-rule=property-clear-facts]")).toContainText("物业纠纷事实清楚");
  await hydrated(admin.page);
  await rules.getByLabel("纠纷类别").selectOption("medical");
  await rules.getByRole("button", { name: "试算" }).click();
  await expect(rules.getByTestId("rules-try-result")).toContainText("衢江区医疗纠纷人民调解委员会 — 行业性专业性调解");
  await rules.getByLabel("纠纷类别").selectOption("neighbourhood");
  await rules.getByLabel("涉及人数").fill("40");
  await rules.getByRole("button", { name: "试算" }).click();
  await expect(rules.getByTestId("rules-try-result")).toContainText("衢江区 — 联合调解");

  const hooks = admin.page.locator("section", { has: admin.page.getByRole("heading", { name: /群机器人推送/ }) });
  await hooks.getByLabel("机器人地址").fill("not a url");
  await hooks.getByRole("button", { name: "保存" }).click();
  await expect(hooks.getByRole("alert")).toHaveText("格式不正确。");
  await hooks.getByLabel("所属单位").selectOption({ label: "樟树潭社区 · 村（社区）" });
  await hooks.getByLabel("机器人地址").fill("https://oapi.dingtalk.com/robot/send?access_token=demo");
  await hooks.getByRole("button", { name: "保存" }).click();
  await expect(hooks.getByRole("status")).toHaveText("已添加机器人。");
  await expect(hooks.locator(".webhooks")).toContainText("樟树潭社区");
  await admin.page.screenshot({ path: "test-results/screens/admin-rules-webhooks.png", fullPage: true });
  await admin.context.close();
});
