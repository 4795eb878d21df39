// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { installed } from "./__test__/installed.js";
import { moduleLoadLog } from "./__test__/module-load-log.js";

const setup = installed();
const consumer = setup.consumer;
const TSC = fileURLToPath(new URL("../node_modules/.bin/tsc", import.meta.url));

/** What each way of loading the library prints: a render, and whether both entries share classes. */
const PROBE = `
const text = core.renderTemplate("Hello \${who}", { who: "world" });
const sameErrorClass = core.PromptmillError === template.PromptmillError;
let missing = [];
try { template.compileTemplate("\${a}\${b}")({}); } catch (error) { missing = error.missing; }
console.log(JSON.stringify({
  text,
  sameErrorClass,
  missing,
  isInstance: core.PromptmillError.isInstance(new template.TemplateSyntaxError([])),
  client: typeof core.ModelStudioClient,
  registry: typeof core.createPromptRegistry,
  shown: text_.printableInline("a\\u001bb"),
  decoded: text_.decodeTextFile(new Uint8Array([0x68, 0x69, 0])),
}));
`;

const EXPECTED = {
  text: "Hello world",
  sameErrorClass: true,
  missing: ["a", "b"],
  isInstance: true,
  client: "function",
  registry: "function",
  shown: "a\\x1Bb",
  decoded: { offset: 2, reason: "nul" },
};

describe("@promptmill/core installed in a project", () => {
  it("imports from plain Node ESM", async () => {
    await writeFile(
      join(consumer, "probe.mjs"),
      `import * as core from "@promptmill/core";\nimport * as template from "@promptmill/core/template";\nimport * as text_ from "@promptmill/core/text";\n${PROBE}`,
    );
    const result = await setup.run("node", ["probe.mjs"], { cwd: consumer });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED);
  });

  it("loads with require() from CommonJS (Node ≥ 20.19)", async () => {
    await writeFile(
      join(consumer, "probe.cjs"),
      `const core = require("@promptmill/core");\nconst template = require("@promptmill/core/template");\nconst text_ = require("@promptmill/core/text");\n${PROBE}`,
    );
    const result = await setup.run("node", ["probe.cjs"], { cwd: consumer });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED);
  });

  it("loads ky with a client's first request, not with the library", async () => {
    const log = await moduleLoadLog(consumer, "lazy-ky");
    await writeFile(
      join(consumer, "lazy-ky.mjs"),
      [
        'import { readFileSync } from "node:fs";',
        'import { ModelStudioClient, renderTemplate } from "@promptmill/core";',
        'const kyLoaded = () => readFileSync(process.env.PROMPTMILL_MODULE_LOG, "utf8").includes("/node_modules/ky/");',
        "const client = new ModelStudioClient({",
        '  endpoint: "http://127.0.0.1:9",',
        '  credentials: { accessKeyId: "LTAIexample", accessKeySecret: "not-a-real-secret" },',
        "  retry: false,",
        "});",
        'renderTemplate("Hi ${who}", { who: "x" });',
        "const beforeRequest = kyLoaded();",
        'const error = await client.listPromptTemplates({ workspaceId: "ws" }).catch((e) => e);',
        "console.log(JSON.stringify({ beforeRequest, afterRequest: kyLoaded(), error: error.name }));",
      ].join("\n"),
    );
    const result = await setup.run("node", ["lazy-ky.mjs"], { cwd: consumer, env: log.env });
    expect(result.code, result.stderr).toBe(0);
    // Nothing listens on port 9: the request fails, but only after ky was loaded to send it.
    expect(JSON.parse(result.stdout)).toEqual({
      beforeRequest: false,
      afterRequest: true,
      error: "ConnectionError",
    });
  });

  it("brings no chevrotain (it is bundled) and shares zod with the application", () => {
    expect(existsSync(join(consumer, "node_modules", "chevrotain"))).toBe(false);
    expect(existsSync(join(consumer, "node_modules", "zod", "package.json"))).toBe(true);
    expect(existsSync(join(consumer, "node_modules", "@promptmill", "core", "node_modules"))).toBe(
      false,
    );
  });
});

describe("its types, checked by tsc in the consumer (skipLibCheck off)", () => {
  const USES_CORE = `
import {
  type CompiledTemplate,
  compileTemplate,
  type ListPromptTemplatesResponse,
  ModelStudioClient,
  PromptmillError,
  renderTemplate,
} from "@promptmill/core";
import { lintTemplate, type LintFinding } from "@promptmill/core/template";

const render: CompiledTemplate = compileTemplate("Hi \${name}", { mode: "keep" });
export const text: string = render({ name: "Ada" });
export const findings: LintFinding[] = lintTemplate("\${ a }");
export const isOurs: boolean = PromptmillError.isInstance(new Error("x"));
declare const client: ModelStudioClient;
export const page: Promise<ListPromptTemplatesResponse> = client.listPromptTemplates({
  workspaceId: "llm-example",
  maxResults: 10,
});
// The types are real, not \`any\`: each misuse below must be an error.
// @ts-expect-error content must be a string
renderTemplate(42, {});
// @ts-expect-error maxResults is a number
client.listPromptTemplates({ workspaceId: "w", maxResults: "10" });
`;

  const TEMPLATE_ONLY = `
import { compileTemplate, renderTemplate, type RenderMode } from "@promptmill/core/template";

const mode: RenderMode = "lenient";
export const text: string = renderTemplate("\${a}", {}, { mode });
export const render = compileTemplate("\${a}");
// No Node types in this program: the entry's declarations must not need them.
// @ts-expect-error \`process\` is Node's, and Node's types are not loaded here
process.exit(0);
`;

  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: "ES2022",
  };

  beforeAll(async () => {
    const dir = join(consumer, "typed");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "uses-core.mts"), USES_CORE);
    await writeFile(join(dir, "template-only.mts"), TEMPLATE_ONLY);
    const configs = {
      "tsconfig.node16.json": {
        compilerOptions: {
          ...compilerOptions,
          module: "node16",
          moduleResolution: "node16",
          types: ["node"],
        },
        files: ["uses-core.mts"],
      },
      "tsconfig.bundler.json": {
        compilerOptions: {
          ...compilerOptions,
          module: "esnext",
          moduleResolution: "bundler",
          types: ["node"],
        },
        files: ["uses-core.mts"],
      },
      "tsconfig.browser.json": {
        compilerOptions: {
          ...compilerOptions,
          module: "esnext",
          moduleResolution: "bundler",
          lib: ["ES2022", "DOM"],
          types: [],
        },
        files: ["template-only.mts"],
      },
    };
    for (const [file, config] of Object.entries(configs)) {
      await writeFile(join(dir, file), JSON.stringify(config, null, 2));
    }
  });

  it.each(["tsconfig.node16.json", "tsconfig.bundler.json", "tsconfig.browser.json"])(
    "%s type-checks",
    async (config) => {
      const result = await setup.run(TSC, ["-p", join(consumer, "typed", config)], {
        cwd: consumer,
      });
      expect(result.stdout + result.stderr).toBe("");
      expect(result.code).toBe(0);
    },
  );
});
