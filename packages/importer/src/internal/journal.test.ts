import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JournalCorruptError, JournalMismatchError } from "../errors.js";
import { type JobIdentity, Journal } from "./journal.js";

const job: JobIdentity = {
  inputPath: "/data/templates.csv",
  inputSize: 1234,
  inputHeadSha256: "ab".repeat(32),
  workspaceId: "llm-abcdefghijklmnop",
  endpoint: "http://127.0.0.1:1234",
};

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "promptmill-journal-"));
  path = join(dir, "job.journal");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function lines(): unknown[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

describe("Journal", () => {
  it("starts a new job with a job record and replays rows when opened again", async () => {
    const first = await Journal.open(path, job);
    expect(first.resumed).toBe(false);
    first.intent(2, "create");
    first.append({ kind: "outcome", line: 2, outcome: "created", id: "t1" });
    first.intent(3, "create");
    first.append({ kind: "unknown", line: 3, error: "ServerError" });
    first.intent(3, "create");
    first.append({ kind: "outcome", line: 4, outcome: "rejected", reasons: ["name-empty"] });
    first.close();

    const second = await Journal.open(path, job);
    expect(second.resumed).toBe(true);
    expect(second.previous.get(2)).toMatchObject({ createIntents: 1, outcome: { id: "t1" } });
    expect(second.previous.get(3)).toMatchObject({
      createIntents: 2,
      unknown: true,
      outcome: undefined,
    });
    expect(second.previous.get(4)?.outcome?.reasons).toEqual(["name-empty"]);
    second.close();
    const kinds = lines().map((record) => (record as { kind: string }).kind);
    expect(kinds.filter((kind) => kind === "job")).toHaveLength(1);
    expect(kinds.filter((kind) => kind === "run")).toHaveLength(2);
  });

  it("writes an intent to the file before returning, without waiting for a flush", async () => {
    const journal = await Journal.open(path, job, { flushIntervalMs: 60_000 });
    journal.append({ kind: "outcome", line: 9, outcome: "skipped", id: "x" });
    journal.intent(7, "create");
    expect(lines()).toContainEqual({ kind: "intent", line: 7, op: "create" });
    expect(lines()).not.toContainEqual(expect.objectContaining({ line: 9 }));
    journal.close();
    expect(lines()).toContainEqual(expect.objectContaining({ line: 9, outcome: "skipped" }));
  });

  it("cuts off a torn last line and appends after the last complete one", async () => {
    const first = await Journal.open(path, job);
    first.append({ kind: "outcome", line: 2, outcome: "created", id: "t1" });
    first.close();
    appendFileSync(path, '{"kind":"outcome","line":3,"outc');

    const second = await Journal.open(path, job);
    expect(second.previous.has(3)).toBe(false);
    second.append({ kind: "outcome", line: 3, outcome: "created", id: "t2" });
    second.close();
    const third = await Journal.open(path, job);
    expect(third.previous.get(3)?.outcome?.id).toBe("t2");
    third.close();
    expect(() => lines()).not.toThrow();
  });

  it("starts over when even the job record was torn", async () => {
    writeFileSync(path, '{"kind":"job","vers');
    const journal = await Journal.open(path, job);
    expect(journal.resumed).toBe(false);
    journal.close();
    expect(lines()[0]).toMatchObject({ kind: "job", job });
  });

  it("refuses a journal written for another input, workspace or endpoint", async () => {
    (await Journal.open(path, job)).close();
    const other = { ...job, inputPath: "/data/other.csv", workspaceId: "llm-zzzzzzzzzzzzzzzz" };
    const error = await Journal.open(path, other).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalMismatchError);
    expect((error as JournalMismatchError).differences).toEqual([
      "input was /data/templates.csv, now /data/other.csv",
      "workspace was llm-abcdefghijklmnop, now llm-zzzzzzzzzzzzzzzz",
    ]);
    const changed = { ...job, inputSize: 999 };
    await expect(Journal.open(path, changed)).rejects.toThrow(/has changed since the job started/);
  });

  it("refuses a journal damaged before its last line", async () => {
    (await Journal.open(path, job)).close();
    appendFileSync(path, 'not json\n{"kind":"end","status":"completed","at":"x"}\n');
    const error = await Journal.open(path, job).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as JournalCorruptError).line).toBe(3);
  });

  it("inspects without creating or changing anything", async () => {
    const missing = await Journal.inspect(path, job);
    expect(missing.resumed).toBe(false);
    expect(() => readFileSync(path)).toThrow();
    const journal = await Journal.open(path, job);
    journal.append({ kind: "outcome", line: 5, outcome: "updated", id: "u" });
    journal.close();
    appendFileSync(path, '{"torn');
    const before = readFileSync(path, "utf8");
    const inspected = await Journal.inspect(path, job);
    expect(inspected.previous.get(5)?.outcome?.outcome).toBe("updated");
    inspected.append({ kind: "outcome", line: 6, outcome: "created" });
    inspected.close();
    expect(readFileSync(path, "utf8")).toBe(before);
  });
});
