import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePromptTypes } from "./typegen.js";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(packageRoot, "node_modules", ".bin", "tsc");

// biome-ignore lint/suspicious/noTemplateCurlyInString: the name holds a ${…} on purpose.
const HOSTILE_NAME = 'quote " back\\slash `${x}` \u2028 */ 😀';

interface Diagnostic {
  file: string;
  line: number;
  code: string;
  message: string;
}

/**
 * Each program marks the line that must fail with `// error here`; the correct program has none.
 * They live in a temporary directory inside packages/core so that `@promptmill/core` resolves
 * to this package's source through its own `exports`, as it would for an application.
 */
const programs: Record<string, string> = {
  "correct.ts": `
import { createPromptRegistry, type PromptRegistryClient } from "@promptmill/core";
import type { PromptName, PromptVariables } from "./prompts.generated.js";

declare const client: PromptRegistryClient;

export async function main(): Promise<string[]> {
  const registry = createPromptRegistry<PromptVariables>({ client, workspaceId: "llm-x" });
  const theme = "春季穿搭";
  const first = await registry.render("小红书文案助手", { theme });
  const second = registry.renderSync("greeting", { name: "Li", place: 3 });
  const prompt = await registry.get("greeting");
  const third = prompt.render({ name: "Li", place: "杭州" }, { mode: "lenient" });
  const fourth = await registry.render(${JSON.stringify(HOSTILE_NAME)}, { ${JSON.stringify(HOSTILE_NAME)}: "x" });
  const fifth = await registry.render("no variables", {});
  const byId = await registry.get({ id: "0123456789abcdef0123456789abcdef" });
  const sixth = byId.render({ anything: 1 });
  const names: PromptName[] = ["greeting", "小红书文案助手"];
  await registry.preload(names);
  const untyped = createPromptRegistry({ client, workspaceId: "llm-x" });
  const seventh = await untyped.render("any name at all", { whatever: 1, flag: true });
  return [first, second, third, fourth, fifth, sixth, seventh];
}
`,
  "unknown-variable.ts": `
import { createPromptRegistry, type PromptRegistryClient } from "@promptmill/core";
import type { PromptVariables } from "./prompts.generated.js";

declare const client: PromptRegistryClient;
const registry = createPromptRegistry<PromptVariables>({ client, workspaceId: "llm-x" });
export const rendered = registry.render("小红书文案助手", {
  theme: "x",
  topic: "y", // error here
});
`,
  "missing-variable.ts": `
import { createPromptRegistry, type PromptRegistryClient } from "@promptmill/core";
import type { PromptVariables } from "./prompts.generated.js";

declare const client: PromptRegistryClient;
const registry = createPromptRegistry<PromptVariables>({ client, workspaceId: "llm-x" });
export const rendered = registry.render("greeting", { name: "Li" }); // error here
`,
  "unknown-name.ts": `
import { createPromptRegistry, type PromptRegistryClient } from "@promptmill/core";
import type { PromptVariables } from "./prompts.generated.js";

declare const client: PromptRegistryClient;
const registry = createPromptRegistry<PromptVariables>({ client, workspaceId: "llm-x" });
export const rendered = registry.render("no such prompt", { theme: "x" }); // error here
`,
  "unknown-name-get.ts": `
import { createPromptRegistry, type PromptRegistryClient } from "@promptmill/core";
import type { PromptVariables } from "./prompts.generated.js";

declare const client: PromptRegistryClient;
const registry = createPromptRegistry<PromptVariables>({ client, workspaceId: "llm-x" });
export const prompt = registry.get("no such prompt"); // error here
`,
  "values-for-no-variables.ts": `
import { createPromptRegistry, type PromptRegistryClient } from "@promptmill/core";
import type { PromptVariables } from "./prompts.generated.js";

declare const client: PromptRegistryClient;
const registry = createPromptRegistry<PromptVariables>({ client, workspaceId: "llm-x" });
export const rendered = registry.renderSync("no variables", { stray: "x" }); // error here
`,
  "wrong-value-type.ts": `
import { createPromptRegistry, type PromptRegistryClient } from "@promptmill/core";
import type { PromptVariables } from "./prompts.generated.js";

declare const client: PromptRegistryClient;
const registry = createPromptRegistry<PromptVariables>({ client, workspaceId: "llm-x" });
export const rendered = registry.render("小红书文案助手", { theme: { nested: true } }); // error here
`,
};

/** The error each wrong program must get: proof that the generated types were read, not `any`. */
const expectedCodes: Record<string, string> = {
  "unknown-variable.ts": "TS2353",
  "missing-variable.ts": "TS2741",
  "unknown-name.ts": "TS2345",
  "unknown-name-get.ts": "TS2769",
  "values-for-no-variables.ts": "TS2322",
  "wrong-value-type.ts": "TS2322",
};

let directory: string;
let diagnostics: Diagnostic[];

beforeAll(async () => {
  directory = await mkdtemp(join(packageRoot, ".typegen-test-"));
  await writeFile(
    join(directory, "prompts.generated.ts"),
    generatePromptTypes([
      { name: "小红书文案助手", variables: ["theme"] },
      { name: "greeting", variables: ["name", "place"] },
      { name: "no variables", variables: [] },
      { name: HOSTILE_NAME, variables: [HOSTILE_NAME] },
    ]),
  );
  for (const [file, source] of Object.entries(programs)) {
    await writeFile(join(directory, file), source);
  }
  await writeFile(
    join(directory, "tsconfig.json"),
    JSON.stringify({
      extends: relative(directory, join(packageRoot, "../../tsconfig.base.json")),
      compilerOptions: { noEmit: true },
      include: ["*.ts"],
    }),
  );
  diagnostics = await typecheck(directory);
}, 120_000);

afterAll(async () => {
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

function typecheck(project: string): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    execFile(
      tsc,
      ["-p", join(project, "tsconfig.json"), "--pretty", "false"],
      { cwd: project, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        // tsc exits non-zero whenever it reports an error, which the wrong programs must cause.
        if (error !== null && typeof error.code !== "number") return reject(error);
        const found: Diagnostic[] = [];
        for (const line of stdout.split(/\r?\n/)) {
          const match = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
          if (match === null) continue;
          const [, file = "", lineNumber = "0", code = "", message = ""] = match;
          // Only the programs' own errors count here; the package's typecheck covers its source.
          const path = relative(project, join(project, file));
          if (path.startsWith("..")) continue;
          found.push({ file: path, line: Number(lineNumber), code, message });
        }
        resolve(found);
      },
    );
  });
}

function markedLine(source: string): number {
  return source.split("\n").findIndex((line) => line.includes("// error here")) + 1;
}

describe("a registry typed with generated prompt types (checked by tsc)", () => {
  it("compiles a correct program, and the generated module itself, without errors", () => {
    expect(diagnostics.filter((diagnostic) => diagnostic.file === "correct.ts")).toEqual([]);
    expect(diagnostics.filter((diagnostic) => diagnostic.file === "prompts.generated.ts")).toEqual(
      [],
    );
  });

  for (const [file, source] of Object.entries(programs)) {
    if (file === "correct.ts") continue;
    it(`rejects ${file.replace(/\.ts$/, "").replaceAll("-", " ")}`, () => {
      const errors = diagnostics.filter((diagnostic) => diagnostic.file === file);
      expect(errors.map((error) => [error.line, error.code])).toEqual([
        [markedLine(source), expectedCodes[file]],
      ]);
    });
  }
});
