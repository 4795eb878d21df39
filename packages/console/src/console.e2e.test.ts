/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
// The console as a person uses it: real Chromium against the console and the real local
// service. Each main screen is saved under test-output/screenshots/ for a person to look at.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type Browser, launchChromium, type Page } from "@promptmill/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConsoleFixture,
  startConsoleFixture,
  WORKSPACE_ID,
} from "./__test__/console-fixture.js";

const SCREENSHOTS = fileURLToPath(new URL("../test-output/screenshots/", import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const BATCH = 60;
const XSS_NAME = `<img src=x onerror="window.__xss='name'">"><svg onload="window.__xss='svg'">`;
const XSS_CONTENT =
  "</textarea></pre><script>window.__xss='content'</script><img src=x onerror=\"window.__xss='img'\"> ${x}";

let fixture: ConsoleFixture;
let browser: Browser;
let page: Page;
/** Content-Security-Policy violations the pages reported: an injected script would add one. */
let violations: string[] = [];
const dialogs: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

async function customTemplate(name: string) {
  const list = await fixture.client.listPromptTemplates({ workspaceId: WORKSPACE_ID, name });
  return list.promptTemplates.filter((template) => template.name === name);
}

beforeAll(async () => {
  [fixture, browser] = await Promise.all([startConsoleFixture(), launchChromium()]);
  const { client } = fixture;
  for (let index = 1; index <= BATCH; index++) {
    await client.createPromptTemplate({
      workspaceId: WORKSPACE_ID,
      name: `批量模板-${String(index).padStart(2, "0")}`,
      content: "请为${product}写一段介绍，语气${tone}。",
    });
  }
  await client.createPromptTemplate({
    workspaceId: WORKSPACE_ID,
    name: XSS_NAME,
    content: XSS_CONTENT,
  });
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(event.violatedDirective);
    });
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

async function collectViolations(): Promise<void> {
  const found = await page.evaluate(
    () => (window as unknown as { __violations?: string[] }).__violations ?? [],
  );
  violations = violations.concat(found);
}

describe("promptmill console in Chromium", () => {
  it("refuses a browser without the token, or with a wrong one", async () => {
    const bare = await page.goto(`${fixture.console.origin}/`);
    expect(bare?.status()).toBe(401);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("This console needs its link");
    expect(await page.content()).not.toContain(WORKSPACE_ID);
    await screenshot("unauthorized");
    const wrong = await page.goto(`${fixture.console.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
  });

  it("signs in with the printed URL, then takes the token out of the address bar", async () => {
    const response = await page.goto(fixture.console.url);
    expect(response?.status()).toBe(200);
    await page.waitForURL(`${fixture.console.origin}/`);
    const cookies = await page.context().cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(cookies[0]?.value).not.toBe(fixture.console.token);
    // The session outlives the token's URL: a reload of the clean address still works.
    expect((await page.reload())?.status()).toBe(200);
  });

  it("lists every template page by page with the total, and searches by name and type", async () => {
    const total = 5 + BATCH + 1;
    await expect
      .poll(() => page.locator("#template-count").textContent())
      .toBe(`Showing 50 of ${total} templates.`);
    expect(await page.locator("tbody.template-page tr").count()).toBe(50);
    await screenshot("browse");

    await page.getByRole("link", { name: "Load more" }).click();
    await page.getByText(`All ${total} of ${total} templates shown.`).waitFor();
    expect(await page.locator("tbody.template-page tr").count()).toBe(total);
    // The keyboard focus moved to the first template of the page that came in.
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
    const firstOfSecondPage = await page
      .locator("tbody.template-page")
      .nth(1)
      .locator("a")
      .first()
      .textContent();
    expect(focused).toBe(firstOfSecondPage);

    await page.getByLabel("Name contains").fill("模板-1");
    await page.getByText("All 10 of 10 templates shown.").waitFor();
    expect(page.url()).toContain("q=");
    await page.getByLabel("Name contains").fill("");
    await page.getByLabel("Type").selectOption("System");
    await page.getByText("All 5 of 5 templates shown.").waitFor();
    const types = await page.locator("tbody.template-page .badge").allTextContents();
    expect(new Set(types)).toEqual(new Set(["System"]));
  });

  it("opens a template: placeholders highlighted, its variables, and a live preview in every mode", async () => {
    await page.goto(`${fixture.console.origin}/?q=${encodeURIComponent("批量模板-01")}`);
    await page.getByRole("link", { name: "批量模板-01" }).click();
    await page.getByRole("heading", { name: "批量模板-01", level: 1 }).waitFor();
    expect(await page.locator("#highlighted .placeholder").allTextContents()).toEqual([
      "${product}",
      "${tone}",
    ]);
    expect(await page.locator(".variables .variable").allTextContents()).toEqual([
      "product",
      "tone",
    ]);
    const status = page.locator(".preview-status");
    const output = page.locator(".preview-output");
    await expect
      .poll(() => status.textContent())
      .toBe("Strict mode needs a value for: product, tone.");
    await page.getByLabel("product", { exact: true }).fill("乌龙茶");
    await expect.poll(() => status.textContent()).toBe("Strict mode needs a value for: tone.");
    await page.getByLabel("lenient").check();
    await expect.poll(() => output.textContent()).toBe("请为乌龙茶写一段介绍，语气。");
    await expect.poll(() => status.textContent()).toBe("No value for: tone.");
    await page.getByLabel("keep").check();
    await expect.poll(() => output.textContent()).toBe("请为乌龙茶写一段介绍，语气${tone}。");
    await page.getByLabel("tone", { exact: true }).fill("轻松");
    await page.getByLabel("strict").check();
    await expect.poll(() => output.textContent()).toBe("请为乌龙茶写一段介绍，语气轻松。");
    await screenshot("template");
  });

  it("edits with a lint error shown in place and then fixed, shows the word diff, and saves", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    const content = page.getByLabel("Content", { exact: true });
    await content.fill("请为${product}写一段介绍，语气${tone.x}。");
    const summary = page.locator("#lint-summary");
    await expect.poll(() => summary.textContent()).toBe("1 error, 0 warnings.");
    const finding = page.locator(".findings .finding-error button");
    await expect.poll(() => finding.textContent()).toMatch(/^1:27 error invalid-variable-name /);
    await expect
      .poll(() => page.locator("#highlighted mark.finding-error").textContent())
      .toBe(".");
    expect(await page.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
    await screenshot("edit-lint-error");
    // The finding takes the keyboard to the place in the content.
    await finding.click();
    const selection = await content.evaluate((element: HTMLTextAreaElement) => [
      document.activeElement === element,
      element.selectionStart,
      element.selectionEnd,
    ]);
    expect(selection).toEqual([true, 26, 27]);

    await content.fill("请为${product}写一段简短的介绍，语气${tone}，面向${audience}。");
    await expect.poll(() => summary.textContent()).toBe("No errors or warnings.");
    expect(await page.getByRole("button", { name: "Save" }).isDisabled()).toBe(false);
    await page.getByLabel("Name", { exact: true }).fill("批量模板-01 改");
    const inserted = await page.locator(".diff-content ins").allTextContents();
    expect(inserted.join("")).toContain("简短");
    expect(inserted.join("")).toContain("面向${audience}");
    await expect.poll(() => page.locator(".diff-name ins").textContent()).toContain("改");
    expect(await page.locator("#preview-heading").isVisible()).toBe(true);
    await screenshot("edit-diff");

    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved “批量模板-01 改”.").waitFor();
    const [saved] = await customTemplate("批量模板-01 改");
    expect(saved?.content).toBe("请为${product}写一段简短的介绍，语气${tone}，面向${audience}。");
    expect(saved?.variables).toEqual(["product", "tone", "audience"]);
  });

  it("creates a template, then deletes it after a confirmation", async () => {
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "New template" })
      .click();
    await page.getByLabel("Name", { exact: true }).fill("会议邀请");
    await page.getByLabel("Content", { exact: true }).fill("请邀请${who}参加${when}的会议。");
    await page.locator("#highlighted .placeholder").nth(1).waitFor();
    await screenshot("create");
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByText("Created “会议邀请”.").waitFor();
    expect(await customTemplate("会议邀请")).toHaveLength(1);

    await page.getByRole("link", { name: "Delete" }).click();
    await page.getByRole("heading", { name: "Delete “会议邀请”?" }).waitFor();
    await screenshot("delete-confirmation");
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await page.getByText("Deleted “会议邀请”.").waitFor();
    expect(await customTemplate("会议邀请")).toHaveLength(0);
  });

  it("keeps System templates read-only, and shows service errors with code and request id", async () => {
    await page.goto(`${fixture.console.origin}/?type=System`);
    await page.locator("tbody.template-page a").first().click();
    await page.getByText("System templates are read-only.").waitFor();
    expect(await page.getByRole("link", { name: "Edit" }).count()).toBe(0);

    await page.goto(`${fixture.console.origin}/new`);
    await page.getByLabel("Name", { exact: true }).fill("名".repeat(200));
    await page.getByLabel("Content", { exact: true }).fill("hello ${who}");
    await page.getByRole("button", { name: "Create" }).click();
    const alert = page.locator(".error-panel");
    await alert.waitFor();
    await expect
      .poll(() => alert.locator(".error-code").textContent())
      .toBe("PromptTemplate.NameInvalid");
    await expect
      .poll(() => alert.locator(".error-request code").textContent())
      .toMatch(/^[0-9A-F-]{36}$/);
    // What the user typed is still there to fix.
    await expect
      .poll(() => page.getByLabel("Content", { exact: true }).inputValue())
      .toBe("hello ${who}");
    await screenshot("service-error");
  });

  it("imports a CSV with bad rows through the plan, applies it, and offers the reject file", async () => {
    const csv = [
      "name,content,variables",
      "导入-一,你好${name},name",
      "导入-二,写一首关于${topic}的诗,topic",
      "导入-三,Plain text,",
      "导入-坏,broken ${a.b},",
      "导入-一,duplicate name,",
      "导入-漏,uses ${undeclared},other",
    ].join("\n");
    await page.goto(`${fixture.console.origin}/import`);
    await page.getByLabel("CSV file", { exact: true }).setInputFiles({
      name: "bulk.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    const plan = page.locator(".plan");
    await plan.waitFor();
    await expect.poll(() => plan.locator(".plan-create dd").textContent()).toBe("3");
    await expect.poll(() => plan.locator(".plan-reject dd").textContent()).toBe("3");
    const rejectRows = await plan.locator("details[open] tbody tr").allTextContents();
    expect(rejectRows.join("\n")).toMatch(/5导入-坏template-syntax/);
    expect(rejectRows.join("\n")).toMatch(/6导入-一name-duplicate-in-file/);
    expect(rejectRows.join("\n")).toMatch(/7导入-漏variable-undeclared/);
    expect(await customTemplate("导入-一")).toHaveLength(0);
    await screenshot("import-plan");

    await page.getByRole("button", { name: /^Apply/ }).click();
    await page.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator(".progress [role=status]").textContent())
      .toContain("3 created");
    await screenshot("import-done");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download the reject file" }).click();
    const rejects = await readFile((await (await download).path()) as string, "utf8");
    expect(rejects).toContain("导入-坏");
    expect(rejects).toContain("template-syntax");
    expect(rejects).not.toContain("导入-二");
    for (const name of ["导入-一", "导入-二", "导入-三"]) {
      expect(await customTemplate(name), name).toHaveLength(1);
    }

    // The full plan of the dry run lists every row with its decision.
    await page.goto(`${fixture.console.origin}/import`);
    await page.getByLabel("CSV file", { exact: true }).setInputFiles({
      name: "bulk.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${csv}\n导入-四,第四个${"${x}"},x\n`),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.locator(".plan").waitFor();
    // Run again with one row added: the journal of bulk.csv says which rows are done, the bad
    // rows are checked (and rejected) again, only the new row is sent.
    await expect.poll(() => page.locator(".plan-create dd").textContent()).toBe("1");
    await expect.poll(() => page.locator(".plan-done dd").textContent()).toBe("3");
    await expect.poll(() => page.locator(".plan-reject dd").textContent()).toBe("3");
    const planDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download the full plan" }).click();
    const planText = await readFile((await (await planDownload).path()) as string, "utf8");
    expect(planText.split("\n").filter((line) => /^\d+,/.test(line))).toHaveLength(7);
    await page.getByRole("button", { name: /^Apply/ }).click();
    await page.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 30_000 });
    for (const name of ["导入-一", "导入-二", "导入-三", "导入-四"]) {
      expect(await customTemplate(name), name).toHaveLength(1);
    }

    // The export is the CSV `promptmill export` writes.
    const exported = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const csvText = await readFile((await (await exported).path()) as string, "utf8");
    expect(csvText.startsWith("name,content,variables\r\n")).toBe(true);
    expect(csvText).toContain("导入-二,写一首关于${topic}的诗,topic\r\n");
  });

  it("shows attacker-controlled names and content as text everywhere (XSS)", async () => {
    const [hostile] = await customTemplate(XSS_NAME);
    expect(hostile).toBeDefined();
    const id = hostile?.promptTemplateId ?? "";
    for (const path of [
      `/?q=${encodeURIComponent("<img")}`,
      `/templates/${id}`,
      `/templates/${id}/edit`,
      `/templates/${id}/delete`,
    ]) {
      await page.goto(`${fixture.console.origin}${path}`);
      await page.getByText(XSS_NAME).first().waitFor();
      await collectViolations();
      expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count(), path).toBe(
        0,
      );
    }
    await page.goto(`${fixture.console.origin}/templates/${id}`);
    await expect.poll(() => page.locator("#highlighted").textContent()).toContain(XSS_CONTENT);
    // A value with markup renders as text in the preview too.
    await page
      .getByLabel("x", { exact: true })
      .fill("<img src=x onerror=\"window.__xss='value'\">");
    await expect
      .poll(() => page.locator(".preview-output").textContent())
      .toContain("<img src=x onerror=");
    await collectViolations();
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: string }).__xss),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    await screenshot("xss-as-text");
  });

  it("refuses a forged post from another site on 127.0.0.1, with the session cookie sent (CSRF)", async () => {
    const [victim] = await customTemplate("批量模板-02");
    const id = victim?.promptTemplateId ?? "";
    // Every port of 127.0.0.1 is the same site: SameSite=Strict lets this post carry the cookie.
    const attacker: Server = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(
        `<form method="post" action="${fixture.console.origin}/templates/${id}/delete">` +
          `<button>win a prize</button></form>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = attacker.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      const refused = page.waitForResponse((response) => response.url().endsWith("/delete"));
      await page.getByRole("button", { name: "win a prize" }).click();
      const response = await refused;
      expect(response.status()).toBe(403);
      expect((await response.request().allHeaders()).cookie ?? "").toContain("promptmill-console-");
      await page.getByRole("heading", { name: "Request refused" }).waitFor();
      await screenshot("csrf-refused");
    } finally {
      await new Promise((resolve) => attacker.close(resolve));
    }
    expect(await customTemplate("批量模板-02")).toHaveLength(1);

    // A script on the console's own origin without the CSRF value is refused too.
    await page.goto(`${fixture.console.origin}/`);
    const status = await page.evaluate(
      (path) => fetch(path, { method: "POST" }).then((response) => response.status),
      `/templates/${id}/delete`,
    );
    expect(status).toBe(403);
    expect(await customTemplate("批量模板-02")).toHaveLength(1);
  });

  it("works on a narrow window and from the keyboard", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${fixture.console.origin}/`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await screenshot("browse-narrow");
    await page.goto(`${fixture.console.origin}/?q=${encodeURIComponent("批量模板-03")}`);
    await page.getByRole("link", { name: "批量模板-03" }).click();
    await page.getByRole("link", { name: "Edit" }).waitFor();
    await screenshot("template-narrow");
    await page.setViewportSize(DESKTOP);
  });
});
