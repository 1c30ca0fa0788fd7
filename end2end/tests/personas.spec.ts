import { test, expect, type Page } from "@playwright/test";
import { desktop, hydrated, PASSWORD, phone, signIn, tablet } from "./people";

// The demo logins (server/src/seed.rs) in the viewport each persona works on.

const personas = [
  { username: "grid", name: "王建国", viewport: phone, title: "我的网格", sees: "樟树潭社区第一网格" },
  { username: "village", name: "李秀英", viewport: tablet, title: "本单位调解工作", sees: "樟树潭社区第二网格" },
  { username: "township", name: "张伟", viewport: desktop, title: "辖区概况", sees: "沙湾村" },
  { username: "county", name: "陈静", viewport: desktop, title: "辖区概况", sees: "衢江区医疗纠纷人民调解委员会" },
  { username: "city", name: "刘洋", viewport: desktop, title: "辖区概况", sees: "衢江区" },
  { username: "admin", name: "赵敏", viewport: desktop, title: "系统概况", sees: "衢江区" },
];

/** No horizontal scrolling: the page is no wider than the screen. */
async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const persona of personas) {
  test(`${persona.username} signs in and lands on their own home`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: persona.viewport, locale: "zh-CN" });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on("pageerror", (e) => failures.push(e.message));
    page.on("console", (m) => m.type() === "error" && failures.push(m.text()));

    await signIn(page, persona.username, PASSWORD);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: persona.title })).toBeVisible();
    await expect(page.locator(".whoami-name")).toHaveText(persona.name);
    await expect(page.getByText(persona.sees, { exact: true }).first()).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expectNoSideways(page);
    await page.screenshot({ path: `test-results/screens/home-${persona.username}.png`, fullPage: true });

    // Administration is in the navigation of the administrator only.
    const adminLink = page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "系统管理" });
    await expect(adminLink).toHaveCount(persona.username === "admin" ? 1 : 0);

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login\?signed_out=1$/);
    await expect(page.getByRole("status")).toHaveText("您已安全退出。");
    expect(failures).toEqual([]);
    await context.close();
  });
}

test("a wrong password is refused with a clear message in Chinese", async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await signIn(page, "grid", "wrong-password");
  await expect(page.getByRole("alert")).toHaveText("用户名或密码错误，请重新输入。");
  await expect(page).toHaveURL(/\/login$/);
  await expectNoSideways(page);
  await page.screenshot({ path: "test-results/screens/login-wrong-password.png", fullPage: true });
  // The person can correct it and go on.
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await context.close();
});

test("the English switch persists across pages and sign-in", async ({ browser }) => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Username").fill("grid");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My grid" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My grid" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/home-grid-english.png", fullPage: true });
  await page.getByRole("link", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await context.close();
});

test("an administrator adds a grid and its grid worker, who can then sign in", async ({ browser }) => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, "admin", PASSWORD);
  await page.getByRole("link", { name: "系统管理" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "系统管理" })).toBeVisible();

  const unitForm = page.locator("form", { has: page.getByLabel("单位名称") });
  await unitForm.getByLabel("上级单位").selectOption({ label: "五坦村 · 村（社区）" });
  await unitForm.getByLabel("单位类型").selectOption("grid");
  await unitForm.getByLabel("单位名称").fill("五坦村第三网格");
  await unitForm.getByRole("button", { name: "保存" }).click();
  await expect(unitForm.getByRole("status")).toHaveText("单位已添加。");

  // A mistake is named next to its field.
  await unitForm.getByLabel("单位名称").fill("五坦村第三网格");
  await unitForm.getByRole("button", { name: "保存" }).click();
  await expect(unitForm.getByRole("alert")).toHaveText("已被占用，请换一个。");

  const userForm = page.locator("form", { has: page.getByLabel("初始密码") });
  await userForm.getByLabel("用户名").fill("grid9");
  await userForm.getByLabel("姓名").fill("冯晓燕");
  await userForm.getByLabel("角色").selectOption("grid_worker");
  await userForm.getByLabel("所属单位").selectOption({ label: "五坦村第三网格 · 网格" });
  await userForm.getByLabel("初始密码").fill("new-grid-worker-1");
  await userForm.getByRole("button", { name: "保存" }).click();
  await expect(userForm.getByRole("status")).toHaveText("用户已添加。");
  await expect(page.getByText("冯晓燕")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/admin.png", fullPage: true });
  await context.close();

  const phoneContext = await browser.newContext({ viewport: phone });
  const phonePage = await phoneContext.newPage();
  await signIn(phonePage, "grid9", "new-grid-worker-1");
  await expect(phonePage.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await expect(phonePage.getByText("五坦村第三网格").first()).toBeVisible();
  await phoneContext.close();
});

test("the build's files are served and the page hydrates", async ({ page, request }) => {
  for (const path of ["/pkg/fengqiao.js", "/pkg/fengqiao.wasm", "/pkg/fengqiao.css", "/manifest.webmanifest", "/icons/icon.svg"]) {
    const resp = await request.get(path);
    expect(resp.status(), path).toBe(200);
  }
  await page.goto("/login");
  await hydrated(page);
});

test("an administrator adds and retires dispute categories; the phone's form follows after its sync", async ({ browser }) => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page, "admin", PASSWORD);
  await page.getByRole("link", { name: "系统管理" }).click();
  const section = page.locator("section", { has: page.getByRole("heading", { name: "纠纷类别" }) });
  const form = section.locator("form", { has: page.getByLabel("类别代码") });
  await form.getByLabel("类别代码").fill("Elderly Care");
  await form.getByLabel("中文名称").fill("养老服务纠纷");
  await form.getByLabel("英文名称").fill("Elderly care");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("alert")).toHaveText("格式不正确。");
  await form.getByLabel("类别代码").fill("elderly_care");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("类别已保存。");
  await expect(section.locator('[data-code="elderly_care"]')).toContainText("养老服务纠纷");
  await section.locator('[data-code="education"]').getByRole("button", { name: "停用" }).click();
  await expect(section.locator('[data-code="education"]')).toContainText("已停用");
  await page.screenshot({ path: "test-results/screens/admin-categories.png", fullPage: true });
  await context.close();

  const phoneContext = await browser.newContext({ viewport: phone });
  const phonePage = await phoneContext.newPage();
  await signIn(phonePage, "grid7", PASSWORD);
  await expect(phonePage.getByRole("heading", { level: 1, name: "我的网格" })).toBeVisible();
  await phonePage.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记纠纷" }).click();
  const category = phonePage.getByLabel("纠纷类别");
  await expect(category.locator("option", { hasText: "养老服务纠纷" })).toHaveCount(1);
  await expect(category.locator("option", { hasText: "教育" })).toHaveCount(0);
  await phoneContext.close();
});
