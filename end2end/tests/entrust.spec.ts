import { test, expect } from "@playwright/test";
import { desktop, hydrated, navigate, openFromWorkList, signedIn, synced } from "./people";

// Issue 6, seed 000 四(二): a court entrusts a dispute before it to a mediation organisation,
// with every party's consent, and hears the result back.

test("the court entrusts a dispute to the medical committee and hears the result", async ({ browser }) => {
  test.setTimeout(120_000);
  const summary = `患者术后感染，家属索赔医疗费 ${Date.now()}`;
  const court = await signedIn(browser, "court", desktop);
  // A court entrusts cases rather than works them: its navigation says so.
  const nav = court.page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "办案" })).toHaveCount(0);
  await navigate(court.page, "委托调解");
  await expect(court.page.getByRole("heading", { level: 1, name: "委托调解" })).toBeVisible();
  await hydrated(court.page);
  const page = court.page;
  await page.getByLabel("本院案号").fill("(2026)浙0803民初1234号");
  await page.getByLabel("纠纷类别").selectOption("medical");
  await page.getByLabel("纠纷简要情况").fill(summary);
  await page.getByLabel("原告（申请人）").fill("患者家属郑某");
  await page.getByLabel("被告（被申请人）").fill("衢江区某医院");
  await page.getByLabel("发生地点").fill("衢江区某医院住院部");
  await page.getByLabel("委托调解组织").selectOption({ label: "衢江区医疗纠纷人民调解委员会" });
  await page.getByLabel("委托理由").fill("医疗损害责任纠纷，专业性强，委托医调委调解");
  // Without the parties' consent the court may not entrust.
  await page.getByRole("button", { name: "委托调解", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("各方当事人均已同意委托调解：此项必填。");
  await page.getByLabel("各方当事人均已同意委托调解").check();
  await page.getByRole("button", { name: "委托调解", exact: true }).click();
  await expect(page.locator(".entrust-form").getByRole("status")).toHaveText("已保存到本机，将自动同步并送达调解组织。");
  await synced(page);
  const mine = page.locator(".case-row", { hasText: summary });
  await expect(mine).toContainText("已分派", { timeout: 15_000 });
  await expect(mine).toContainText("衢江区医疗纠纷人民调解委员会");
  await page.screenshot({ path: "test-results/screens/entrust-desktop.png", fullPage: true });

  // The committee is told who entrusted it and why, and works the case.
  const committee = await signedIn(browser, "medical", desktop);
  await navigate(committee.page, /消息/);
  const told = committee.page.locator(".notification", { hasText: summary });
  await expect(told).toContainText("法院委托本单位调解");
  await expect(told).toContainText("衢江区人民法院（(2026)浙0803民初1234号）");
  await openFromWorkList(committee.page, summary);
  await expect(committee.page.locator(".timeline-entry[data-kind=entrusted]")).toContainText("← 衢江区人民法院");
  await committee.page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(committee.page.locator(".case-status")).toHaveText("已受理，调解中", { timeout: 15_000 });
  await committee.page.locator("details[data-action=resolve] summary").click();
  await committee.page.getByLabel("调解结果").fill("医院一次性赔偿医疗费三万元，双方和解");
  await committee.page.locator("details[data-action=resolve] button[type=submit]").click();
  await expect(committee.page.locator(".case-status")).toHaveText("调解成功", { timeout: 15_000 });

  // The result comes back to the court.
  await navigate(page, /消息/);
  const result = page.locator(".notification", { hasText: summary }).filter({ hasText: "案件办理结果" });
  await expect(result).toContainText("医院一次性赔偿医疗费三万元", { timeout: 15_000 });
  await page.screenshot({ path: "test-results/screens/entrust-result-desktop.png", fullPage: true });
  for (const person of [court, committee]) await person.context.close();
});
