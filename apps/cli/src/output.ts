import { styleText } from "node:util";

export type TextStyle = Parameters<typeof styleText>[0];

interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface OutputOptions {
  json?: boolean;
  /** `false` for `--no-color`. */
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  stdout?: OutputStream;
  stderr?: OutputStream;
  env?: NodeJS.ProcessEnv;
}

const REDACTED = "****";

/**
 * The conventions other tools follow (after `--json` and `--no-color`, which always win):
 * FORCE_COLOR turns colour on even into a pipe (CI logs render it), except as `0` or `false`;
 * NO_COLOR (no-color.org) turns it off when set to anything; a dumb terminal has no escapes;
 * otherwise only a terminal gets colour.
 */
function colorWanted(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR || env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/**
 * Where everything the CLI prints goes. Results go to stdout (text for people, or JSON with `--json`),
 * progress and diagnostics to stderr, so `promptmill export > out.csv` stays clean. Every write passes
 * through `redact`, so a secret that reaches a message by accident is still never shown.
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly #stdout: OutputStream;
  readonly #stderr: OutputStream;
  readonly #stdoutColor: boolean;
  readonly #stderrColor: boolean;
  readonly #secrets = new Set<string>();

  constructor(options: OutputOptions = {}) {
    this.json = options.json ?? false;
    this.quiet = options.quiet ?? false;
    this.verbose = options.verbose ?? false;
    this.#stdout = options.stdout ?? process.stdout;
    this.#stderr = options.stderr ?? process.stderr;
    const env = options.env ?? process.env;
    const colors = (stream: OutputStream) =>
      !this.json && options.color !== false && colorWanted(stream, env);
    this.#stdoutColor = colors(this.#stdout);
    this.#stderrColor = colors(this.#stderr);
  }

  /** Whether stdout is a terminal: tables are cut to fit only there (piped, nothing is lost). */
  get stdoutIsTty(): boolean {
    return this.#stdout.isTTY === true;
  }

  get stderrIsTty(): boolean {
    return this.#stderr.isTTY === true;
  }

  /** Never let this value reach the terminal, whatever tries to print it. */
  protect(secret: string | undefined): void {
    // A very short "secret" would turn ordinary words into asterisks; real secrets are long.
    if (secret !== undefined && secret.length >= 6) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.split(secret).join(REDACTED);
    return result;
  }

  /** A line of the result, on stdout. */
  line(text = ""): void {
    this.#stdout.write(`${this.redact(text)}\n`);
  }

  /** Result text exactly as given (a rendered prompt keeps its own trailing newline or lack of one). */
  raw(text: string): void {
    this.#stdout.write(this.redact(text));
  }

  /** The machine-readable result for `--json`. */
  data(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }

  /** Progress and notes for people, on stderr; `--quiet` hides them. */
  info(text: string): void {
    if (!this.quiet) this.#stderr.write(`${this.redact(text)}\n`);
  }

  warn(text: string): void {
    this.#stderr.write(`${this.redact(text)}\n`);
  }

  error(text: string): void {
    this.#stderr.write(`${this.redact(text)}\n`);
  }

  /** Details that only `--verbose` shows. */
  debug(text: string): void {
    if (this.verbose) this.#stderr.write(`${this.redact(text)}\n`);
  }

  /** Writes to stderr without a newline, for a progress bar redrawn in place. */
  stderrRaw(text: string): void {
    this.#stderr.write(this.redact(text));
  }

  // We decide about colour ourselves (TTY, --json, NO_COLOR) per stream, so styleText must not
  // second-guess it by looking at process.stdout.
  style(format: TextStyle, text: string): string {
    return this.#stdoutColor ? styleText(format, text, { validateStream: false }) : text;
  }

  styleErr(format: TextStyle, text: string): string {
    return this.#stderrColor ? styleText(format, text, { validateStream: false }) : text;
  }
}
