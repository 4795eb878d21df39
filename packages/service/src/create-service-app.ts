import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { HttpBindings } from "@hono/node-server";
import {
  extractVariables,
  type KnownErrorCode,
  OPERATIONS,
  type OperationName,
} from "@promptmill/core";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AccessKeyConfig } from "./access-keys.js";
import { FaultInjector } from "./fault-injector.js";
import { readBodyWithin } from "./internal/body-limit.js";
import { decodeQuery } from "./internal/decode-query.js";
import { errorResponse } from "./internal/error-response.js";
import { jsonResponse } from "./internal/json-response.js";
import { NextTokenCodec } from "./internal/next-token.js";
import { buildOpenApiDocument } from "./internal/openapi-document.js";
import { OperationParameters } from "./internal/operation-parameters.js";
import { createPromptTemplate } from "./internal/operations/create-prompt-template.js";
import { deletePromptTemplate } from "./internal/operations/delete-prompt-template.js";
import { getPromptTemplate } from "./internal/operations/get-prompt-template.js";
import { listPromptTemplates } from "./internal/operations/list-prompt-templates.js";
import type {
  OperationContext,
  OperationHandler,
  OperationOutcome,
} from "./internal/operations/operation-context.js";
import { updatePromptTemplate } from "./internal/operations/update-prompt-template.js";
import { createRequestId } from "./internal/request-id.js";
import { formatErrorLine, formatRequestLine, type LogFormat } from "./internal/request-log.js";
import { type ReceivedRequest, SignatureVerifier } from "./internal/signature-verifier.js";
import { SYSTEM_TEMPLATES } from "./internal/system-templates.js";
import { resolveSettings, type ServiceSettingsInput } from "./settings.js";
import type { NewTemplate, TemplateStore } from "./store/template-store.js";

export interface ServiceAppOptions {
  store: TemplateStore;
  /** The keys the service accepts, each with the workspaces it may use. */
  accessKeys: readonly AccessKeyConfig[];
  settings?: ServiceSettingsInput | undefined;
  /**
   * Shared with the caller to change faults while the app runs; by default one is made from
   * `settings.faults`.
   */
  faults?: FaultInjector | undefined;
  /** One line per request (method, path, status, time, request id); never a query or a secret. */
  log?: ((line: string) => void) | undefined;
  /** `text` (default) for people, `json` for one JSON object per line. */
  logFormat?: LogFormat | undefined;
}

type Env = { Bindings: HttpBindings | undefined; Variables: { requestId: string } };
export type ServiceApp = Hono<Env>;

const HANDLERS: { [Name in OperationName]: OperationHandler<Name> } = {
  CreatePromptTemplate: createPromptTemplate,
  GetPromptTemplate: getPromptTemplate,
  UpdatePromptTemplate: updatePromptTemplate,
  DeletePromptTemplate: deletePromptTemplate,
  ListPromptTemplates: listPromptTemplates,
};

const WRITES: ReadonlySet<OperationName> = new Set([
  "CreatePromptTemplate",
  "UpdatePromptTemplate",
  "DeletePromptTemplate",
]);

const NEXT_TOKEN_KEY = "next-token-key";

/** The Model Studio prompt-template API as a Hono app, over any TemplateStore. */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const settings = resolveSettings(options.settings);
  const { store } = options;
  const faults = options.faults ?? new FaultInjector(settings.faults);
  const log = options.log;
  const logFormat = options.logFormat ?? "text";
  const now = () => Date.now() + settings.clockOffsetSeconds * 1000;
  const verifier = new SignatureVerifier({
    keys: options.accessKeys,
    nonces: store,
    toleranceMs: settings.timestampToleranceSeconds * 1000,
    maxLiveNoncesPerKey: settings.maxLiveNoncesPerKey,
    now,
  });
  const parameters = new OperationParameters(settings);
  const variablesOf = extractVariables;
  const systemTemplates: NewTemplate[] = settings.systemTemplates
    ? SYSTEM_TEMPLATES.map((template) => ({
        ...template,
        variables: variablesOf(template.content),
      }))
    : [];

  // Both are looked up once per process, not once per request.
  let nextTokens: Promise<NextTokenCodec> | undefined;
  const getNextTokens = () => {
    nextTokens ??= store
      .ensureValue(NEXT_TOKEN_KEY, () => randomBytes(16).toString("hex"))
      .then((hex) => new NextTokenCodec(Buffer.from(hex, "hex")));
    return nextTokens;
  };
  const knownWorkspaces = new Map<string, Promise<boolean>>();
  const ensureWorkspace = (workspaceId: string) => {
    let known = knownWorkspaces.get(workspaceId);
    if (!known) {
      known = store.ensureWorkspace(workspaceId, systemTemplates);
      known.catch(() => knownWorkspaces.delete(workspaceId));
      knownWorkspaces.set(workspaceId, known);
    }
    return known;
  };

  const app = new Hono<Env>();
  const fail = (c: Context<Env>, code: KnownErrorCode, message?: string, headers = {}) =>
    errorResponse(
      code,
      { requestId: c.get("requestId"), host: c.req.header("host") ?? "", message },
      headers,
    );

  app.use(async (c, next) => {
    const requestId = createRequestId();
    // Every response is made by jsonResponse() or errorResponse(), which add it as a header.
    c.set("requestId", requestId);
    if (!log) return next();
    const started = performance.now();
    await next();
    const entry = {
      method: c.req.method,
      path: rawTarget(c).path,
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      requestId,
    };
    log(formatRequestLine(entry, logFormat, new Date()));
  });

  // Bodies are ignored (no operation takes one) but still bounded, on every route. A body
  // over the limit is refused with its connection, so the rest of it is never read.
  const bodyTooLarge = (c: Context<Env>) =>
    fail(c, "RequestTooLarge", "The request body is larger than accepted.", {
      connection: "close",
    });
  const readingBodyLimit = bodyLimit({ maxSize: settings.maxBodyBytes, onError: bodyTooLarge });
  app.use(async (c, next) => {
    const incoming = c.env?.incoming;
    if (!incoming) return readingBodyLimit(c, next);
    // With a Content-Length the check needs no reading. Hono's middleware would build a
    // whole web Request just to look, which costs more than the rest of a Create.
    if (incoming.headers["transfer-encoding"] === undefined) {
      const length = Number(incoming.headers["content-length"] ?? 0);
      return length > settings.maxBodyBytes ? bodyTooLarge(c) : next();
    }
    // Chunked: the length is known only by reading, and reading stops at the limit.
    return (await readBodyWithin(incoming, settings.maxBodyBytes)) ? next() : bodyTooLarge(c);
  });

  app.onError((error, c) => {
    const message = error instanceof Error ? error.message : String(error);
    log?.(formatErrorLine(c.get("requestId"), message, logFormat, new Date()));
    return fail(c, "PromptTemplate.InternalError");
  });
  app.notFound((c) =>
    fail(c, "InvalidApi.NotFound", `No API at ${c.req.method} ${truncate(c.req.path)}.`),
  );

  app.get("/healthz", (c) => jsonResponse({ status: "ok" }, c.get("requestId")));
  const openApiDocument = buildOpenApiDocument(parameters);
  app.get("/openapi.json", (c) => jsonResponse(openApiDocument, c.get("requestId")));

  for (const [name, operation] of Object.entries(OPERATIONS) as [
    OperationName,
    (typeof OPERATIONS)[OperationName],
  ][]) {
    const routePath = operation.path.replace(/\{(\w+)\}/g, ":$1");
    app.on(operation.method, routePath, async (c) => {
      const { path: rawPath, query: rawQuery } = rawTarget(c);
      const decoded = decodeQuery(rawQuery);
      if (!decoded.ok) {
        const error = parameters.undecodable(name, decoded.parameter, decoded.problem);
        return fail(c, error.code, error.message);
      }
      const verdict = await verifier.verify(
        { method: c.req.method, rawPath, query: decoded.query, headers: receivedHeaders(c) },
        name,
      );
      if (!verdict.ok) return fail(c, verdict.code, verdict.message, verdict.headers);

      const workspaceId = c.req.param("workspaceId") ?? "";
      if (!verdict.key.workspaces.includes(workspaceId)) {
        return fail(
          c,
          "Forbidden.NoPermission",
          `This AccessKey may not use ${truncate(workspaceId)}.`,
        );
      }
      const checked = parameters.check(name, decoded.query);
      if (!checked.ok) return fail(c, checked.error.code, checked.error.message);

      const { latencyMs, retryAfterMs } = faults.settings;
      const fault = faults.draw();
      if (latencyMs > 0) await delay(latencyMs);
      if (fault === "error500") return fail(c, "PromptTemplate.InternalError");
      if (fault === "throttle") {
        return fail(c, "Throttling.User", undefined, { "x-acs-retry-after": String(retryAfterMs) });
      }
      const cut = fault === "cut-after-commit";
      // A read is cut before it acts; a write after it has committed, so the caller cannot
      // tell whether it happened: the case an idempotent import must survive.
      if (cut && !WRITES.has(name)) return cutConnection(c);

      await ensureWorkspace(workspaceId);
      const outcome = await runOperation(name, {
        workspaceId,
        promptTemplateId: c.req.param("promptTemplateId") ?? "",
        params: checked.params,
        settings,
        store,
        variablesOf,
        nextTokens: getNextTokens,
      });
      if (cut) return cutConnection(c);
      if (!outcome.ok) return fail(c, outcome.error.code, outcome.error.message);
      const requestId = c.get("requestId");
      return jsonResponse({ ...outcome.body, requestId }, requestId);
    });
  }

  return app;
}

function runOperation<Name extends OperationName>(
  name: Name,
  context: OperationContext<Name>,
): Promise<OperationOutcome> {
  return (HANDLERS[name] as OperationHandler<Name>)(context);
}

/**
 * The request target as received, split at the first `?`: read from the raw request line
 * when served by Node, since the signature covers the path exactly as sent.
 */
function rawTarget(c: Context<Env>): { path: string; query: string } {
  let target = c.env?.incoming?.url;
  if (target === undefined || !target.startsWith("/")) {
    const url = new URL(c.req.url);
    target = `${url.pathname}${url.search}`;
  }
  const queryStart = target.indexOf("?");
  return queryStart === -1
    ? { path: target, query: "" }
    : { path: target.slice(0, queryStart), query: target.slice(queryStart + 1) };
}

/** Repeated headers stay apart here: the verifier must see that a header came twice. */
function receivedHeaders(c: Context<Env>): ReceivedRequest["headers"] {
  const incoming = c.env?.incoming;
  if (incoming) return incoming.headersDistinct;
  const headers: ReceivedRequest["headers"] = {};
  for (const [name, value] of c.req.raw.headers) headers[name] = value;
  return headers;
}

/** Request text quoted in an error message: bounded, since a path can be a megabyte long. */
function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Ends the connection with no response at all. Outside Node there is no socket to cut. */
function cutConnection(c: Context<Env>): Response {
  const socket = c.env?.incoming?.socket;
  if (!socket) {
    throw new Error("cut-after-commit needs the Node server (startLocalService)");
  }
  socket.destroy();
  return new Response(null, { status: 500 });
}
