/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { ModelStudioClient } from "@promptmill/core";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import { Layout, type Section } from "../views/layout.js";
import { Notice } from "../views/notice.js";
import type { AccessSecrets } from "./access-secrets.js";
import type { ClientAssets } from "./client-assets.js";
import type { ImportJobs } from "./import-jobs.js";
import type { NoticeBoard } from "./notice-board.js";
import type { SystemTemplateIds } from "./system-template-ids.js";

/** What every route of one console needs. */
export interface ConsoleContext {
  readonly client: ModelStudioClient;
  readonly workspaceId: string;
  readonly secrets: AccessSecrets;
  readonly assets: ClientAssets;
  readonly systemTemplates: SystemTemplateIds;
  readonly notices: NoticeBoard;
  readonly imports: ImportJobs;
  /** Aborted when the console closes: requests to the service in flight stop. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

export interface PageOptions {
  readonly title: string;
  readonly section?: Section | undefined;
  readonly templateEditor?: boolean;
  readonly status?: 200 | 400 | 403 | 404 | 409 | 422 | 502;
}

/** A whole page in the console's layout, with the notice a previous post left, if any. */
export function renderPage(
  c: Context,
  context: ConsoleContext,
  options: PageOptions,
  body: Child,
): Response {
  const notice = context.notices.take();
  const page = (
    <Layout
      title={options.title}
      section={options.section}
      csrf={context.secrets.csrf}
      assets={context.assets}
      workspaceId={context.workspaceId}
      endpoint={context.client.endpoint}
      templateEditor={options.templateEditor === true}
      notice={notice ? <Notice notice={notice} /> : undefined}
    >
      {body}
    </Layout>
  );
  return c.html(`<!doctype html>${page}`, options.status ?? 200);
}

/** A fragment for htmx to swap in: no layout. */
export function renderFragment(
  c: Context,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
  status: 200 | 400 | 502 = 200,
): Response | Promise<Response> {
  return c.html(body, status);
}
