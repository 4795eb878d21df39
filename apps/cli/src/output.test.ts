import { describe, expect, it } from "vitest";
import { Output } from "./output.js";

class MemoryStream {
  text = "";
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

function makeOutput(options: {
  tty: boolean;
  json?: boolean;
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
  color?: boolean;
}) {
  const stdout = new MemoryStream(options.tty);
  const stderr = new MemoryStream(options.tty);
  const output = new Output({
    stdout,
    stderr,
    json: options.json ?? false,
    quiet: options.quiet ?? false,
    env: options.env ?? {},
    ...(options.color === undefined ? {} : { color: options.color }),
  });
  return { output, stdout, stderr };
}

describe("Output", () => {
  it("puts results on stdout and notes on stderr", () => {
    const { output, stdout, stderr } = makeOutput({ tty: false });
    output.line("result");
    output.info("progress");
    expect(stdout.text).toBe("result\n");
    expect(stderr.text).toBe("progress\n");
  });

  it("hides notes with --quiet but never warnings or errors", () => {
    const { output, stderr } = makeOutput({ tty: false, quiet: true });
    output.info("progress");
    output.warn("careful");
    output.error("error: broken");
    expect(stderr.text).toBe("careful\nerror: broken\n");
  });

  it("colours only on a TTY, and never with --json or NO_COLOR", () => {
    expect(makeOutput({ tty: true }).output.style("red", "x")).not.toBe("x");
    expect(makeOutput({ tty: false }).output.style("red", "x")).toBe("x");
    expect(makeOutput({ tty: true, json: true }).output.style("red", "x")).toBe("x");
    expect(makeOutput({ tty: true, env: { NO_COLOR: "1" } }).output.styleErr("red", "x")).toBe("x");
  });

  it("colours a pipe with FORCE_COLOR, except FORCE_COLOR=0, and never with --no-color or --json", () => {
    const forced = { FORCE_COLOR: "1" };
    expect(makeOutput({ tty: false, env: forced }).output.style("red", "x")).not.toBe("x");
    expect(makeOutput({ tty: false, env: { FORCE_COLOR: "" } }).output.style("red", "x")).not.toBe(
      "x",
    );
    expect(makeOutput({ tty: true, env: { FORCE_COLOR: "0" } }).output.style("red", "x")).toBe("x");
    expect(makeOutput({ tty: true, color: false, env: forced }).output.style("red", "x")).toBe("x");
    expect(makeOutput({ tty: true, json: true, env: forced }).output.style("red", "x")).toBe("x");
  });

  it("replaces a protected secret wherever it appears", () => {
    const { output, stdout, stderr } = makeOutput({ tty: false });
    output.protect("s3cr3t-value-123");
    output.line("key s3cr3t-value-123 leaked");
    output.error("error: s3cr3t-value-123");
    output.data({ secret: "s3cr3t-value-123" });
    expect(stdout.text + stderr.text).not.toContain("s3cr3t-value-123");
    expect(stdout.text).toContain("key **** leaked");
  });
});
