import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeSystemError } from "./system-error.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "promptmill-system-error-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** The error a real call throws, so the test sees what Node really sets. */
async function errorOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("describeSystemError", () => {
  it("names the file and says plainly what is wrong", async () => {
    const missing = join(directory, "missing.txt");
    expect(describeSystemError(await errorOf(() => readFile(missing)), { action: "read" })).toBe(
      `cannot read ${missing}: no such file`,
    );
    const intoMissingDir = join(directory, "nope", "out.ts");
    expect(
      describeSystemError(await errorOf(() => writeFile(intoMissingDir, "x")), {
        action: "write",
      }),
    ).toBe(
      `cannot write ${intoMissingDir}: the directory ${join(directory, "nope")} does not exist`,
    );
    // Reading a directory fails in read(2), which knows no path: the caller names it.
    expect(describeSystemError(await errorOf(() => readFile(directory)), { path: directory })).toBe(
      `cannot read ${directory}: it is a directory, not a file`,
    );
  });

  it("finds the system error among the causes", async () => {
    const cause = await errorOf(() => readFile(join(directory, "gone")));
    const wrapped = new Error("the job failed", { cause });
    expect(describeSystemError(wrapped)).toMatch(/: no such file$/);
    expect(describeSystemError(new Error("a bug"))).toBeUndefined();
  });

  it("says which port is taken", async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, "127.0.0.1", resolve));
    const { port } = first.address() as { port: number };
    const second = createServer();
    const error = await errorOf(
      () =>
        new Promise((resolve, reject) => {
          second.once("error", reject);
          second.listen(port, "127.0.0.1", () => resolve(undefined));
        }),
    );
    first.close();
    expect(describeSystemError(error)).toBe(
      `cannot listen on 127.0.0.1:${port}: the port is already in use by another program (pick another with --port, or --port 0 for any free one)`,
    );
  });
});
