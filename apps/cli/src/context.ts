import type { Credentials, ModelStudioClient } from "@promptmill/core";
import { Output } from "./output.js";
import { UsageError } from "./usage-error.js";

/** The options every command accepts (commander merges them in with `optsWithGlobals`). */
export interface GlobalOptions {
  endpoint?: string | undefined;
  region?: "cn-beijing" | "ap-southeast-1" | undefined;
  workspace?: string | undefined;
  profile?: string | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
}

export const CLI_USER_AGENT = "promptmill-cli";

/**
 * What a command needs besides its own options: where to print, the service client, the
 * workspace, and a signal that fires on Ctrl-C. Built once per run, configured from the global
 * options just before the command's action runs.
 */
export class CliContext {
  output = new Output();
  options: GlobalOptions = {};
  readonly #interrupt = new AbortController();
  #graceful = false;
  #failureExitCode: number | undefined;
  #client: Promise<ModelStudioClient> | undefined;

  configure(options: GlobalOptions): void {
    this.options = options;
    this.output = new Output({
      json: options.json === true,
      quiet: options.quiet === true,
      verbose: options.verbose === true,
    });
    this.#client = undefined;
  }

  /** Fires on the first SIGINT/SIGTERM; commands hand it to every request and the importer. */
  get signal(): AbortSignal {
    return this.#interrupt.signal;
  }

  /**
   * Called by commands that stop cleanly on Ctrl-C (an import flushes its journal, `serve`
   * finishes requests in flight). For the others the first Ctrl-C ends the process at once.
   */
  stopGracefullyOnInterrupt(): void {
    this.#graceful = true;
  }

  get stopsGracefully(): boolean {
    return this.#graceful;
  }

  /**
   * The exit code for any error of this run, whatever its kind: `plan --detailed-exitcode`
   * promises CI 1 for every error, where the CLI's own table gives an API error 2 (which there
   * means "changes planned").
   */
  failWith(exitCode: number): void {
    this.#failureExitCode = exitCode;
  }

  get failureExitCode(): number | undefined {
    return this.#failureExitCode;
  }

  interrupt(): void {
    this.#interrupt.abort();
  }

  get interrupted(): boolean {
    return this.#interrupt.signal.aborted;
  }

  /** The workspace from `--workspace` / `PROMPTMILL_WORKSPACE`, or a usage error saying how to set it. */
  workspaceId(): string {
    const workspace = this.options.workspace?.trim();
    if (!workspace) {
      throw new UsageError(
        "no workspace: pass --workspace <id> or set PROMPTMILL_WORKSPACE (a Model Studio workspace id, e.g. llm-…)",
      );
    }
    return workspace;
  }

  async credentials(): Promise<Credentials> {
    // The library (ky, zod) is loaded by the first command that talks to the service, not at start.
    const { resolveCredentials } = await import("@promptmill/core");
    const credentials = await resolveCredentials({ profile: this.options.profile });
    this.output.protect(credentials.accessKeySecret);
    this.output.protect(credentials.securityToken);
    return credentials;
  }

  /** One client per run, on the credential chain (environment, aliyun CLI profile, credentials file). */
  client(): Promise<ModelStudioClient> {
    this.#client ??= Promise.all([this.credentials(), import("@promptmill/core")]).then(
      ([credentials, { ModelStudioClient }]) =>
        new ModelStudioClient({
          endpoint: this.options.endpoint || undefined,
          region: this.options.region,
          credentials,
          userAgent: CLI_USER_AGENT,
          onRetry: (event) =>
            this.output.debug(
              `retrying ${event.operation} (attempt ${event.attempt}) in ${event.delayMs} ms: ${event.error.message}`,
            ),
        }),
    );
    return this.#client;
  }
}
