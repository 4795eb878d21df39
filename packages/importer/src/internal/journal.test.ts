import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JournalCorruptError, JournalFormatError, JournalMismatchError } from "../errors.js";
import { type JobTarget, Journal } from "./journal.js";

const target: JobTarget = {
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

const outcome = (row: string, extra: object = {}) =>
  ({ kind: "outcome", row, name: `name of ${row}`, outcome: "created", ...extra }) as const;

describe("Journal", () => {
  it("starts with a job record naming its target and replays rows by digest when opened again", async () => {
    const first = await Journal.open(path, target);
    expect(first.resumed).toBe(false);
    first.intent("d2", "create");
    first.append(outcome("d2", { id: "t1" }));
    first.intent("d3", "create");
    first.append({ kind: "unknown", row: "d3", error: "ServerError" });
    first.intent("d3", "create");
    first.append(outcome("d4", { outcome: "rejected", reasons: ["service-rejected"] }));
    first.close();

    const second = await Journal.open(path, target);
    expect(second.resumed).toBe(true);
    expect(second.previous.get("d2")).toMatchObject({ createIntents: 1, outcome: { id: "t1" } });
    expect(second.previous.get("d3")).toMatchObject({
      createIntents: 2,
      unknown: true,
      outcome: undefined,
    });
    expect(second.previous.get("d4")?.outcome?.reasons).toEqual(["service-rejected"]);
    second.close();
    expect(lines()[0]).toMatchObject({ kind: "job", version: 2, target });
    expect(lines().filter((record) => (record as { kind: string }).kind === "job")).toHaveLength(1);
  });

  it("writes an intent to the file before returning, without waiting for a flush", async () => {
    const journal = await Journal.open(path, target, { flushIntervalMs: 60_000 });
    journal.append(outcome("d9"));
    journal.intent("d7", "create");
    expect(lines()).toContainEqual({ kind: "intent", row: "d7", op: "create" });
    expect(lines()).not.toContainEqual(expect.objectContaining({ row: "d9" }));
    journal.close();
    expect(lines()).toContainEqual(expect.objectContaining({ row: "d9", outcome: "created" }));
  });

  it("cuts off a torn last line and appends after the last complete one", async () => {
    const first = await Journal.open(path, target);
    first.append(outcome("d2", { id: "t1" }));
    first.close();
    appendFileSync(path, '{"kind":"outcome","row":"d3","outc');

    const second = await Journal.open(path, target);
    expect(second.previous.has("d3")).toBe(false);
    second.append(outcome("d3", { id: "t2" }));
    second.close();
    const third = await Journal.open(path, target);
    expect(third.previous.get("d3")?.outcome?.id).toBe("t2");
    third.close();
    expect(() => lines()).not.toThrow();
  });

  it("starts over when even the job record was torn", async () => {
    writeFileSync(path, '{"kind":"job","vers');
    const journal = await Journal.open(path, target);
    expect(journal.resumed).toBe(false);
    journal.close();
    expect(lines()[0]).toMatchObject({ kind: "job", target });
  });

  it("refuses a journal of another workspace or endpoint", async () => {
    (await Journal.open(path, target)).close();
    const other = { workspaceId: "llm-zzzzzzzzzzzzzzzz", endpoint: "http://127.0.0.1:9" };
    const error = await Journal.open(path, other).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalMismatchError);
    expect((error as JournalMismatchError).differences).toEqual([
      "workspace was llm-abcdefghijklmnop, now llm-zzzzzzzzzzzzzzzz",
      "endpoint was http://127.0.0.1:1234, now http://127.0.0.1:9",
    ]);
  });

  it("refuses a journal of the earlier format (rows by line) with a message that says what to do", async () => {
    writeFileSync(
      path,
      `${JSON.stringify({ kind: "job", version: 1, job: { inputPath: "/x.csv" } })}\n` +
        `${JSON.stringify({ kind: "outcome", line: 2, outcome: "created", id: "t1" })}\n`,
    );
    const error = await Journal.open(path, target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalFormatError);
    expect((error as Error).message).toMatch(
      /earlier version of promptmill \(format 1, rows keyed by line number\)/,
    );
    expect((error as Error).message).toMatch(/delete the journal/);
    expect(readFileSync(path, "utf8")).toContain('"line":2');
  });

  it("refuses a journal damaged before its last line", async () => {
    (await Journal.open(path, target)).close();
    appendFileSync(path, 'not json\n{"kind":"end","status":"completed","at":"x"}\n');
    const error = await Journal.open(path, target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as JournalCorruptError).line).toBe(2);
  });

  it("inspects without creating or changing anything", async () => {
    const missing = await Journal.inspect(path, target);
    expect(missing.resumed).toBe(false);
    expect(() => readFileSync(path)).toThrow();
    const journal = await Journal.open(path, target);
    journal.append(outcome("d5", { outcome: "updated", id: "u" }));
    journal.close();
    appendFileSync(path, '{"torn');
    const before = readFileSync(path, "utf8");
    const inspected = await Journal.inspect(path, target);
    expect(inspected.previous.get("d5")?.outcome?.outcome).toBe("updated");
    inspected.append(outcome("d6"));
    inspected.close();
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("refuses a path that is not a regular file, leaving nothing open", async () => {
    // A character device would answer reads for ever; a journal must be a file it can replay.
    await expect(Journal.open("/dev/full", target)).rejects.toThrow(
      "The journal /dev/full is not a regular file",
    );
    await expect(Journal.open(dir, target)).rejects.toMatchObject({ code: "EISDIR" });
  });
});
