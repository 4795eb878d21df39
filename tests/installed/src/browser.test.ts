// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Browser, launchChromium } from "@promptmill/test-support";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installed } from "./__test__/installed.js";

const setup = installed();

/** What the page does with the template language; the test compares it with Node's answers. */
const ENTRY = `
import {
  compileTemplate,
  extractVariables,
  lintTemplate,
  MissingVariablesError,
  PromptmillError,
  renderTemplate,
} from "@promptmill/core/template";

const template = "请以\${tone}的语气写一篇短文，主题为：\${theme}。\${ extra }";
const render = compileTemplate(template, { mode: "keep" });
const renders = [];
// Past the 32nd call a compiled template switches to generated code where the runtime allows it.
for (let call = 0; call < 40; call += 1) renders.push(render({ tone: "轻松", theme: "春天" + call }));
let missing = [];
try {
  renderTemplate("\${a} \${b}", { b: 1 });
} catch (error) {
  missing = error instanceof MissingVariablesError && PromptmillError.isInstance(error) ? error.missing : ["?"];
}
let codeGeneration = "allowed";
try { new Function("return 1"); } catch { codeGeneration = "refused"; }
window.result = {
  first: renders[0],
  last: renders[39],
  allDistinct: new Set(renders).size === 40,
  variables: extractVariables(template),
  lint: lintTemplate("第一行\\n\${a.b} \${ c }").map((f) => [f.severity, f.code, f.line, f.column]),
  lenient: renderTemplate("[\${x}]", {}, { mode: "lenient" }),
  missing,
  codeGeneration,
};
`;

describe("@promptmill/core/template in a browser", () => {
  let bundle = "";
  let server: Server;
  let origin = "";
  let browser: Browser;
  /** The same entry run by Node on the installed package: what the browser must match. */
  let inNode: Record<string, unknown> = {};

  beforeAll(async () => {
    const entry = join(setup.consumer, "browser-entry.js");
    await writeFile(entry, ENTRY);
    // Bundled as a browser application would be: from the installed package, for the browser.
    const result = await build({
      absWorkingDir: setup.consumer,
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    bundle = result.outputFiles[0]?.text ?? "";
    const nodeEntry = join(setup.consumer, "browser-entry-in-node.mjs");
    await writeFile(
      nodeEntry,
      `globalThis.window = globalThis;\n${ENTRY}\nconsole.log(JSON.stringify(window.result));\n`,
    );
    const { stdout } = await promisify(execFile)("node", [nodeEntry], { cwd: setup.consumer });
    inNode = JSON.parse(stdout);

    // One page with a policy that refuses eval and new Function (as many sites and extensions
    // do), one without: the renderer must give the same text on both.
    server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (url.pathname === "/bundle.js") {
        response.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
        return;
      }
      const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
      if (url.pathname === "/strict-csp.html") {
        headers["content-security-policy"] = "default-src 'none'; script-src 'self'";
      }
      response
        .writeHead(200, headers)
        .end(
          '<!doctype html><meta charset="utf-8"><script type="module" src="/bundle.js"></script>',
        );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("bundles for --platform=browser with nothing of Node in it", () => {
    expect(bundle.length).toBeGreaterThan(0);
    // esbuild fails the build on a Node built-in it cannot resolve for the browser; this also
    // catches one imported as an external string.
    expect(bundle).not.toMatch(/["']node:/);
  });

  it.each([
    ["/page.html", "allowed"],
    ["/strict-csp.html", "refused"],
  ])(
    "renders, lints and extracts in Chromium (%s, code generation %s)",
    async (path, codeGeneration) => {
      const page = await browser.newPage();
      try {
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await page.goto(`${origin}${path}`);
        // Runs in the page, where globalThis is the window the entry wrote its result to.
        await page.waitForFunction(() => "result" in globalThis);
        const result = await page.evaluate(
          () => (globalThis as unknown as { result: unknown }).result,
        );
        expect(errors).toEqual([]);
        expect(result).toEqual({ ...inNode, codeGeneration });
        expect(result).toMatchObject({
          first: "请以轻松的语气写一篇短文，主题为：春天0。${ extra }",
          last: "请以轻松的语气写一篇短文，主题为：春天39。${ extra }",
          allDistinct: true,
          variables: ["tone", "theme", "extra"],
          lenient: "[]",
          missing: ["a"],
        });
      } finally {
        await page.close();
      }
    },
  );
});
