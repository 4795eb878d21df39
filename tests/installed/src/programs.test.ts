// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installed } from "./__test__/installed.js";
import { moduleLoadLog } from "./__test__/module-load-log.js";

const setup = installed();
const globalModules = join(setup.prefix, "lib", "node_modules");

describe("the installed programs", () => {
  it.each([
    ["promptmill", "Usage: promptmill [options] [command]"],
    ["promptmill-worker", "Usage: promptmill-worker [options] [command]"],
    ["promptmill-server", "Usage: promptmill-server [options]"],
  ])("%s is on PATH and prints its help", async (bin, usage) => {
    expect(existsSync(setup.bin(bin))).toBe(true);
    const result = await setup.run(bin, ["--help"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
  });

  it("run as JavaScript: no tsx, and no TypeScript source in our packages", async () => {
    const found: string[] = [];
    const walk = async (dir: string, ours: boolean): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name === "tsx" || entry.name === "typescript") found.push(path);
          const parent = dir.split("/").at(-1);
          const isOurs = entry.name === "promptmill" || parent === "@promptmill";
          await walk(path, entry.name === "node_modules" ? false : ours || isOurs);
        } else if (ours && /\.(ts|mts|cts|tsx)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) {
          found.push(path);
        }
      }
    };
    await walk(globalModules, false);
    expect(found).toEqual([]);
  });

  it("promptmill --version prints the package's version", async () => {
    const manifest = JSON.parse(
      await readFile(join(globalModules, "promptmill", "package.json"), "utf8"),
    );
    const result = await setup.run("promptmill", ["--version"]);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  it("promptmill render fills a template's variables", async () => {
    const result = await setup.run("promptmill", [
      "render",
      "--content",
      "请以${tone}的语气写一篇短文，主题为：${theme}。",
      "--var",
      "tone=轻松",
      "--var",
      "theme=春天",
    ]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("请以轻松的语气写一篇短文，主题为：春天。\n");
  });

  it("promptmill render names the missing variables (exit 4)", async () => {
    const result = await setup.run("promptmill", ["render", "--content", "${a} ${b}"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("no value for a, b");
  });

  it("promptmill demo runs the whole path from the installed package", async () => {
    const result = await setup.run("promptmill", ["demo"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("examples/templates.csv");
    expect(result.stdout).toMatch(/created 202\b/);
    expect(result.stdout).toContain("5 rows were rejected");
    expect(result.stdout).toContain("== Done");
  });
});

describe("the installed programs with the installed server", () => {
  let server: ChildProcess | undefined;
  let directory = "";
  const exports: Record<string, string> = {};

  beforeAll(async () => {
    directory = await mkdtemp(join(setup.root, "service-"));
    server = spawn(
      setup.bin("promptmill-server"),
      ["--port", "0", "--data", join(directory, "local.sqlite"), "--quiet"],
      { env: setup.env, stdio: ["ignore", "pipe", "pipe"] },
    );
    const output = await firstLineMatching(server, /^ready on /m);
    for (const match of output.matchAll(/^export (\w+)=(.*)$/gm)) {
      exports[match[1] as string] = match[2] as string;
    }
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.on("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  });

  it("promptmill-worker imports the shipped example CSV into promptmill-server", async () => {
    // A copy: the report, reject file and journal are written next to the input.
    const csv = join(directory, "templates.csv");
    await copyFile(join(globalModules, "promptmill", "examples", "templates.csv"), csv);
    const result = await setup.run("promptmill-worker", ["import", csv], {
      env: exports,
      cwd: directory,
    });
    // The example ends with five rows that fail the checks on purpose.
    expect(result.stdout + result.stderr).toMatch(/created 202\b/);
    expect(result.stdout + result.stderr).toMatch(/rejected 5\b/);
    expect(result.code).not.toBe(0);

    const listed = await setup.run("promptmill", ["list", "--type", "Custom", "--all", "--json"], {
      env: exports,
    });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).promptTemplates).toHaveLength(202);
  });
  it("promptmill console starts on 127.0.0.1 and serves its built browser code", async () => {
    const child = spawn(
      setup.bin("promptmill"),
      ["console", "--port", "0", "--work-dir", join(directory, "console")],
      { env: { ...setup.env, ...exports }, stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      const line = await firstLineMatching(child, /^console: (\S+)$/m);
      const url = /^console: (\S+)$/m.exec(line)?.[1] ?? "";
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
      const signIn = await fetch(url, { redirect: "manual" });
      const cookie = signIn.headers.getSetCookie()[0]?.split(";")[0] ?? "";
      expect(cookie).not.toBe("");
      // Served from dist/client: the installed package has no bundler to build it with.
      const script = await fetch(new URL("/assets/template-editor.js", url), {
        headers: { cookie },
      });
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toMatch(/javascript/);
      expect((await script.text()).length).toBeGreaterThan(1000);
    } finally {
      child.kill("SIGTERM");
    }
  });
});

/** Everything a child printed on stdout up to the first line that matches. */
function firstLineMatching(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (pattern.test(output)) resolve(output);
    });
    child.on("exit", (code) => reject(new Error(`exited ${code} before ${pattern}: ${output}`)));
  });
}

describe("start-up: a command loads only what it needs", () => {
  let hookDir = "";

  /** The URLs of every ES module the command loaded, from a module hook. */
  async function modulesLoadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
    const log = await moduleLoadLog(hookDir, Math.random().toString(36).slice(2));
    await setup.run("promptmill", args, { env: { ...env, ...log.env } });
    return log.loaded();
  }

  const heavy =
    /\/node_modules\/(ky|zod|hono|@hono|better-sqlite3|csv-parse|csv-stringify|p-queue|@promptmill\/(service|importer))\//;
  const coreMain = /\/@promptmill\/core\/dist\/index\.js$/;
  const coreTemplate = /\/@promptmill\/core\/dist\/template\/index\.js$/;

  beforeAll(async () => {
    hookDir = await mkdtemp(join(setup.root, "hooks-"));
  });

  afterAll(() => rm(hookDir, { recursive: true, force: true }));

  it("--help and --version load the CLI and commander only", async () => {
    for (const args of [["--help"], ["--version"], ["render", "--help"]]) {
      const loaded = await modulesLoadedBy(args);
      expect(loaded.some((url) => url.endsWith("/promptmill/dist/main.js"))).toBe(true);
      expect(
        loaded.filter((url) => heavy.test(url) || coreMain.test(url) || coreTemplate.test(url)),
      ).toEqual([]);
    }
  });

  it("render loads the template language, and not the client, the service or the importer", async () => {
    const loaded = await modulesLoadedBy(["render", "--content", "Hi ${who}", "--var", "who=x"]);
    expect(loaded.some((url) => coreTemplate.test(url))).toBe(true);
    expect(loaded.filter((url) => heavy.test(url) || coreMain.test(url))).toEqual([]);
  });

  it("a command that talks to the service does load the client (the hook sees it)", async () => {
    const loaded = await modulesLoadedBy(["list"], {
      PROMPTMILL_ENDPOINT: "http://127.0.0.1:9",
      PROMPTMILL_WORKSPACE: "llm-nothing-listens-here",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIexample",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-a-real-secret",
    });
    expect(loaded.some((url) => coreMain.test(url))).toBe(true);
    expect(loaded.some((url) => /\/node_modules\/ky\//.test(url))).toBe(true);
  });
});
