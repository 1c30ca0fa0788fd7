import { test, expect } from "@playwright/test";
import { hydrated, navigate, phone, recordDispute, signIn } from "./people";

// Issue 13: the phone's record form leads the person to what is wrong, marks what is required,
// shows where the case will go as it is filled, keeps a half-typed dispute through a reload, and
// after saving says what was saved, where it goes and links to it.

test("a mistyped phone number scrolls to and focuses its field, and its error goes once corrected", async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, "grid7");
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await expect(page).toHaveTitle("我的网格 · 枫桥");
  await navigate(page, "登记纠纷");
  await hydrated(page);
  // Each page names itself in the tab.
  await expect(page).toHaveTitle("登记矛盾纠纷 · 枫桥");
  // Required fields carry a mark (and the word, for a screen reader).
  await expect(page.locator("label[for=summary] .required-mark")).toBeVisible();
  await expect(page.locator("label[for=amount_fen] .required-mark")).toHaveCount(0);
  // The bar over the form is compact, and only the sync line stays when the page scrolls.
  const bar = await page.locator(".topbar").boundingBox();
  expect(bar!.height).toBeLessThanOrEqual(170);
  await page.getByLabel("纠纷类别").selectOption("neighbourhood");
  await page.getByLabel("纠纷简要情况").fill("晾衣杆伸出窗外滴水");
  await page.locator("#party-0-name").fill("陈阿姨");
  await page.locator("#party-0-phone").fill("1380013");
  await page.locator("#party-1-name").fill("楼上住户");
  await page.getByLabel("发生地点").fill("樟树潭社区8幢");
  // The preview follows the typing, even with a phone number still wrong.
  await expect(page.getByTestId("routing-preview")).toContainText("五坦村");
  await page.getByRole("button", { name: "保存", exact: true }).click();

  const phoneField = page.locator("#party-0-phone");
  await expect(phoneField).toBeFocused();
  await expect(phoneField).toBeInViewport();
  await expect(page.locator('[data-field="parties[0].phone"]')).toBeVisible();
  await page.screenshot({ path: "test-results/screens/record-error-focused-phone.png" });

  const stuck = await page.locator(".topbar").boundingBox();
  const field = await phoneField.boundingBox();
  expect(field!.y, "the focused field is not under the bar").toBeGreaterThanOrEqual(stuck!.y + stuck!.height);

  await phoneField.fill("13800138000");
  await expect(page.locator('[data-field="parties[0].phone"]')).toHaveCount(0);
  await expect(page.getByText("请更正标出的内容后再保存。")).toHaveCount(0);

  // A reload (or a crash) in the middle: the draft comes back, until it is saved.
  await page.reload();
  await hydrated(page);
  await expect(page.locator(".draft-restored")).toBeVisible();
  await expect(page.getByLabel("纠纷简要情况")).toHaveValue("晾衣杆伸出窗外滴水");
  await expect(page.locator("#party-0-phone")).toHaveValue("13800138000");
  await page.getByRole("button", { name: "保存", exact: true }).click();

  // The confirmation: what was saved, its number once synced, where it goes, a link to it.
  const saved = page.getByTestId("saved-case");
  await expect(saved).toContainText(/已保存到本机，将自动同步。|已同步：服务器已收到/);
  await expect(saved).toContainText("晾衣杆伸出窗外滴水");
  await expect(saved).toContainText("承办单位：五坦村");
  await expect(saved.locator(".case-number")).toHaveText(/^\d{6}-\d{4}-\d{6}$/, { timeout: 20_000 });
  // Numbered: the confirmation no longer says it waits to sync.
  await expect(saved).toContainText("已同步：服务器已收到");
  await expect(saved).toBeInViewport();
  await expect(page.getByLabel("纠纷简要情况")).toHaveValue("");
  await page.screenshot({ path: "test-results/screens/record-saved-phone.png" });
  await saved.getByRole("link", { name: "查看此案" }).click();
  await expect(page).toHaveURL(/\/cases\//);
  await expect(page.locator(".case-summary")).toContainText("晾衣杆伸出窗外滴水");
  await page.goto("/record");
  await hydrated(page);
  await expect(page.locator(".draft-restored")).toHaveCount(0);

  // Saved with no signal: the link opens what the phone holds, number to come.
  await context.setOffline(true);
  await recordDispute(page, { summary: "空调外机噪音扰民", applicant: "孙大爷", respondent: "底商餐馆" });
  await expect(saved.locator(".case-number")).toHaveText("同步后生成");
  await saved.getByRole("link", { name: "查看此案" }).click();
  await expect(page.getByTestId("pending-case")).toContainText("空调外机噪音扰民");
  await expect(page.getByTestId("pending-case")).toContainText("五坦村");
  await page.screenshot({ path: "test-results/screens/case-pending-phone.png", fullPage: true });
  await context.setOffline(false);
  await expect(page.locator(".case-number")).toHaveText(/^\d{6}-\d{4}-\d{6}$/, { timeout: 20_000 });
  await context.close();
});
