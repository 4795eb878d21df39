import type { CredentialsProvider, ModelStudioClient } from "@promptmill/core";
import { Output } from "./output.js";
import { UsageError } from "./usage-error.js";

/** The options every command accepts (commander merges them in with `optsWithGlobals`). */
export interface GlobalOptions {
  endpoint?: string | undefined;
  region?: string | undefined;
  workspace?: string | undefined;
  profile?: string | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  /** `false` with `--no-color`. */
  color?: boolean | undefined;
  /** A data command's `--output`; `json` means the same as `--json`. */
  output?: string | undefined;
}

/** Where requests go and what signs them: what the client and the importer are built from. */
export interface Connection {
  /** The base URL (`http://127.0.0.1:8080`, `https://bailian.<region>.aliyuncs.com`). */
  endpoint: string;
  /**
   * Credentials for each request from the chain: a role's are refreshed before they expire,
   * and every secret handed out is registered for redaction before anything can print it.
   */
  credentials: CredentialsProvider;
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
  #connection: Promise<Connection> | undefined;
  #endpointFrom = "--endpoint";

  /**
   * `endpointFrom` says where `--endpoint` came from (the flag or PROMPTMILL_ENDPOINT), for
   * the `--verbose` line.
   */
  configure(options: GlobalOptions, endpointFrom?: string): void {
    if (options.json === true && options.output !== undefined && options.output !== "json") {
      throw new UsageError(`--json and --output ${options.output} ask for two formats: pick one`);
    }
    this.options = options;
    this.#endpointFrom = endpointFrom ?? "--endpoint";
    this.output = new Output({
      json: options.json === true || options.output === "json",
      quiet: options.quiet === true,
      verbose: options.verbose === true,
      ...(options.color === false ? { color: false } : {}),
    });
    this.#client = undefined;
    this.#connection = undefined;
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

  /**
   * The endpoint and credentials of this run, resolved once: credentials from the chain
   * (environment AccessKey or OIDC role, aliyun CLI profile — AccessKey, StsToken, RamRoleArn,
   * OIDC —, credentials file), the region from `--region`, ALIBABA_CLOUD_REGION_ID, the
   * profile's `region_id`, then cn-beijing, unless an endpoint is given. `--verbose` prints
   * one line saying which; never a secret.
   */
  connection(): Promise<Connection> {
    this.#connection ??= this.#resolveConnection();
    return this.#connection;
  }

  async #resolveConnection(): Promise<Connection> {
    // The library (ky, zod) is loaded by the first command that talks to the service, not at start.
    const { resolveCredentialSupplier, resolveEndpoint, resolveRegion } = await import(
      "@promptmill/core"
    );
    const supply = await resolveCredentialSupplier({ profile: this.options.profile });
    const credentials: CredentialsProvider = async () => {
      const current = await supply();
      this.output.protect(current.accessKeySecret);
      this.output.protect(current.securityToken);
      return current;
    };
    // Fetched now (a role's through STS) so that --verbose can say what signs the requests.
    const first = await supply();
    this.output.protect(first.accessKeySecret);
    this.output.protect(first.securityToken);

    const endpointOption = this.options.endpoint?.trim() || undefined;
    let where: string;
    let endpoint: string;
    if (endpointOption === undefined) {
      const region = await resolveRegion({
        region: this.options.region,
        profile: this.options.profile,
      });
      endpoint = resolveEndpoint(undefined, region.region);
      const from = region.from === "the region option" ? "--region" : region.from;
      where = `region ${region.region} (from ${from}), endpoint ${endpoint}`;
    } else {
      endpoint = resolveEndpoint(endpointOption, undefined);
      where = `endpoint ${endpoint} (from ${this.#endpointFrom}; no region needed)`;
    }
    this.output.debug(`using ${first.describeSource()}, ${where}`);
    return { endpoint, credentials };
  }

  /** One client per run, on the connection above. */
  client(): Promise<ModelStudioClient> {
    this.#client ??= Promise.all([this.connection(), import("@promptmill/core")]).then(
      ([connection, { ModelStudioClient }]) =>
        new ModelStudioClient({
          endpoint: connection.endpoint,
          credentials: connection.credentials,
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
