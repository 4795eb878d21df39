import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelStudioClient } from "@promptmill/core";
import { type AccessKeyConfig, type LocalService, startLocalService } from "@promptmill/service";
import { type RunningConsole, startConsole } from "../index.js";

export const WORKSPACE_ID = "llm-consoletest00001";
const KEY: AccessKeyConfig = {
  accessKeyId: "LTAIconsoletest000001",
  accessKeySecret: "console-test-secret-0000000000000",
  workspaces: [WORKSPACE_ID],
};

export interface ConsoleFixture {
  readonly service: LocalService;
  readonly client: ModelStudioClient;
  readonly console: RunningConsole;
  readonly workDirectory: string;
  /** The access key secret: no page or response may contain it. */
  readonly accessKeySecret: string;
  close(): Promise<void>;
}

/** The real local service on 127.0.0.1 (SQLite in a temp dir) and a console over it. */
export async function startConsoleFixture(): Promise<ConsoleFixture> {
  const directory = await mkdtemp(join(tmpdir(), "promptmill-console-test-"));
  const service = await startLocalService({
    port: 0,
    dataFile: join(directory, "service.sqlite"),
    accessKeys: [KEY],
  });
  const credentials = { accessKeyId: KEY.accessKeyId, accessKeySecret: KEY.accessKeySecret };
  const client = new ModelStudioClient({ endpoint: service.endpoint, credentials });
  const workDirectory = join(directory, "console");
  const running = await startConsole({
    client,
    workspaceId: WORKSPACE_ID,
    credentials,
    workDirectory,
  });
  return {
    service,
    client,
    console: running,
    workDirectory,
    accessKeySecret: KEY.accessKeySecret,
    async close() {
      await running.close();
      await service.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A request with exactly the headers given (fetch would set Host and Origin itself): how a
 * DNS-rebinding page, a forged form or a script without the session reaches the console.
 */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/** Opens the console with its token, as the printed link does; returns the session's headers. */
export async function signIn(
  running: RunningConsole,
): Promise<{ cookie: string; csrf: string; origin: string }> {
  const response = await rawRequest(running.port, `/?token=${running.token}`);
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  const setCookie = [response.headers["set-cookie"] ?? []].flat()[0] ?? "";
  const csrf = /name="_csrf" value="([^"]+)"|x-csrf-token&quot;:&quot;([^&]+)&quot;/.exec(
    response.body,
  );
  return {
    cookie: setCookie.split(";")[0] ?? "",
    csrf: csrf?.[1] ?? csrf?.[2] ?? "",
    origin: running.origin,
  };
}

/** A form post from the console's own page: the session cookie, its Origin, its CSRF value. */
export function postForm(
  running: RunningConsole,
  session: { cookie: string; csrf: string; origin: string },
  path: string,
  fields: Record<string, string>,
  overrides: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(running.port, path, {
    method: "POST",
    headers: {
      cookie: session.cookie,
      origin: session.origin,
      "content-type": "application/x-www-form-urlencoded",
      ...overrides,
    },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
  });
}
