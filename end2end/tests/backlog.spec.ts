import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { desktop, navigate, openFromWorkList, recordDispute, signedIn, synced, tablet, phone } from "./people";

// Issue 6, seed 001 §10: a case open for months joins the backlog register (积案库); the
// county's supervisor names the responsible leader, writes the month's evaluation and clears it.

/** Makes a case look recorded `days` ago, straight in the test server's database. */
function age(summary: string, days: number) {
  const database = process.env.E2E_DATABASE;
  if (!database) throw new Error("E2E_DATABASE is not set: run the suite through scripts/e2e.sh");
  execFileSync("python3", [
    "-c",
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); " +
      "n = c.execute('UPDATE cases SET recorded_at = recorded_at - ? WHERE summary = ?', (int(sys.argv[3]) * 86400000, sys.argv[2])).rowcount; " +
      "c.commit(); sys.exit(0 if n == 1 else 1)",
    database,
    summary,
    String(days),
  ]);
}

test("the supervisor names the leader of a backlog case, evaluates it and clears it", async ({ browser }) => {
  test.setTimeout(120_000);
  const summary = `宅基地边界纠纷，反复信访 ${Date.now()}`;
  // The second grid of the same community: the first grid worker's phone is other specs' own.
  const grid = await signedIn(browser, "grid2", phone);
  await navigate(grid.page, "登记纠纷");
  await recordDispute(grid.page, { summary, applicant: "村民徐某", respondent: "村民蒋某" });
  await synced(grid.page);
  age(summary, 75);

  // The next sweep lists it; the supervisor finds it in the register, leader wanted.
  const supervisor = await signedIn(browser, "supervisor", desktop);
  await navigate(supervisor.page, "积案");
  await expect(supervisor.page.getByRole("heading", { level: 1, name: "积案库" })).toBeVisible();
  const entry = supervisor.page.locator(".backlog-entry", { hasText: summary });
  await expect(async () => {
    await supervisor.page.reload();
    await expect(entry).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(entry).toContainText("未指定包案领导");
  await expect(entry).toContainText("本月待评估");
  await expect(entry).toContainText("已办理天数 75");
  await supervisor.page.screenshot({ path: "test-results/screens/backlog-register-desktop.png", fullPage: true });
  // Offline, the register opens as last fetched, saying when it was kept.
  await supervisor.context.setOffline(true);
  await navigate(supervisor.page, "首页");
  await navigate(supervisor.page, "积案");
  await expect(supervisor.page.getByTestId("kept-note")).toContainText("离线：显示的是本机");
  await expect(entry).toContainText("已办理天数 75");
  await supervisor.context.setOffline(false);

  await entry.getByRole("link", { name: summary }).click();
  const page = supervisor.page;
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
  const card = page.getByTestId("backlog");
  await expect(card).toContainText("未指定包案领导");
  await page.locator("details[data-action=assign_leader] summary").click();
  await page.getByLabel("包案领导姓名").fill("王志华");
  await page.getByLabel("职务").fill("区委政法委副书记");
  await page.locator("details[data-action=assign_leader] button[type=submit]").click();
  await expect(page.getByTestId("backlog-leader")).toHaveText("王志华（区委政法委副书记）", { timeout: 15_000 });

  await page.locator("details[data-action=evaluate_backlog] summary").click();
  await page.getByLabel("化解进展").selectOption({ label: "化解有进展" });
  await page.getByLabel("本月化解工作情况及下步措施").fill("包案领导带件下访，提出重新丈量方案，双方同意");
  await page.locator("details[data-action=evaluate_backlog] button[type=submit]").click();
  await expect(page.locator(".timeline-entry[data-kind=backlog_evaluated]")).toContainText("化解有进展", { timeout: 15_000 });
  // Once a month: the form is gone until next month.
  await expect(page.locator("details[data-action=evaluate_backlog]")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/backlog-case-desktop.png", fullPage: true });

  // The village holding it sees the mark on its work list.
  const cadre = await signedIn(browser, "village", tablet);
  await navigate(cadre.page, "办案");
  await expect(cadre.page.locator(".work-item", { hasText: summary })).toContainText("积案");
  await openFromWorkList(cadre.page, summary);
  await expect(cadre.page.getByTestId("backlog-leader")).toHaveText("王志华（区委政法委副书记）");
  await expect(cadre.page.locator("details[data-action=clear_backlog]")).toHaveCount(0);

  // 销号 once the petitioner has desisted: off the register.
  await page.locator("details[data-action=clear_backlog] summary").click();
  await page.getByLabel("销号依据").selectOption({ label: "息诉罢访" });
  await page.getByLabel("销号说明").fill("信访人书面承诺息诉罢访");
  await page.locator("details[data-action=clear_backlog] button[type=submit]").click();
  await expect(page.getByTestId("backlog-cleared")).toBeVisible({ timeout: 15_000 });
  await expect(page.locator(".timeline-entry[data-kind=backlog_cleared]")).toContainText("息诉罢访");
  await navigate(page, "积案");
  await expect(page.locator(".backlog-entry", { hasText: summary })).toHaveCount(0);
  for (const person of [grid, supervisor, cadre]) await person.context.close();
});
