import { describe, expect, it } from "vitest";
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
});
