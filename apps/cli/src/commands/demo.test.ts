// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the ${var} syntax on purpose.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { runCli } from "../__test__/run-cli.js";

describe("promptmill demo", () => {
  it("imports the examples into a throwaway service, shows the deliberate rejects, lists, renders, exits 0", async () => {
    const result = await runCli(["demo"]);
    expect(result.stderr).not.toContain("error:");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created (\d{3}), updated 0, skipped 0, rejected 5/);
    const created = Number(/created (\d+)/.exec(result.stdout)?.[1]);
    expect(created).toBeGreaterThanOrEqual(200);
    expect(result.stdout).toContain("5 rows were rejected — on purpose");
    for (const reason of [
      "variable-undeclared",
      "variable-unused",
      "template-syntax",
      "name-duplicate-in-file",
      "content-empty",
    ]) {
      expect(result.stdout).toContain(reason);
    }
    expect(result.stdout).toMatch(/… \d+ templates in all/);
    expect(result.stdout).toContain(
      "请以小红书博主的口吻，写一篇关于「杭州湖滨的一家宝藏本帮菜馆」的美食探店笔记。",
    );
  });

  it("says no row was rejected for a clean CSV, and names the CSV column a render lacks", async () => {
    const directory = await mkdtemp(join(tmpdir(), "promptmill-demo-"));
    onTestFinished(() => rm(directory, { recursive: true, force: true }));
    const csv = join(directory, "clean.csv");
    await writeFile(
      csv,
      "name,content,variables,var.who\ngreet,Hello ${who},who,Ann\nbare,Hi ${who},who,\n",
    );
    const clean = await runCli(["demo", "--csv", csv, "--render", "greet"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No row was rejected: every row passed the checks.");
    expect(clean.stdout).not.toContain("on purpose");
    expect(clean.stdout).not.toMatch(/LINE +NAME/);
    expect(clean.stdout).toContain("  Hello Ann");

    const bare = await runCli(["demo", "--csv", csv, "--render", "bare"]);
    expect(bare.code).toBe(1);
    expect(bare.stderr.split("\n").at(-2)).toBe(
      'error: the CSV gives no sample value for who of "bare": fill its var.who column in that row',
    );
    expect(bare.stderr).not.toContain("--var");
  });

  it("fails on a missing CSV before starting anything", async () => {
    const result = await runCli(["demo", "--csv", "no/such.csv"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("error: cannot read no/such.csv: no such file\n");
  });
});
