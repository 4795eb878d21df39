/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { ListPromptTemplatesResponse } from "@promptmill/core";
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { type ConsoleContext, renderFragment, renderPage } from "../internal/console-context.js";
import { describeError } from "../internal/describe-error.js";
import { ErrorPanel } from "../views/notice.js";
import {
  type BrowseQuery,
  LoadMore,
  SearchForm,
  TemplateRows,
  TemplateTable,
} from "../views/template-table.js";

/** Rows per request; the service allows up to 100. */
export const PAGE_SIZE = 50;

function browseQuery(c: Context): BrowseQuery {
  const type = c.req.query("type");
  return {
    q: c.req.query("q")?.trim() ?? "",
    type: type === "System" || type === "Custom" ? type : "",
  };
}

async function listPage(
  context: ConsoleContext,
  query: BrowseQuery,
  nextToken: string | undefined,
): Promise<ListPromptTemplatesResponse> {
  return context.client.listPromptTemplates(
    {
      workspaceId: context.workspaceId,
      maxResults: PAGE_SIZE,
      ...(query.q ? { name: query.q } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(nextToken ? { nextToken } : {}),
    },
    { signal: context.signal },
  );
}

/** How many rows the pages before this one showed (sent back by the "load more" link). */
function shownBefore(c: Context): number {
  const shown = Number.parseInt(c.req.query("shown") ?? "0", 10);
  return Number.isSafeInteger(shown) && shown > 0 ? shown : 0;
}

export function registerBrowseRoutes(app: Hono, context: ConsoleContext): void {
  app.get("/", async (c) => {
    const query = browseQuery(c);
    const nextToken = c.req.query("nextToken") || undefined;
    let results: Child;
    let status: 200 | 400 | 404 | 502 = 200;
    try {
      const page = await listPage(context, query, nextToken);
      const shown = shownBefore(c) + page.promptTemplates.length;
      results = (
        <TemplateTable
          query={query}
          templates={page.promptTemplates}
          shown={shown}
          total={page.totalCount}
          nextToken={page.nextToken || undefined}
        />
      );
    } catch (error) {
      const described = describeError(error);
      status = described.status === 409 ? 400 : described.status;
      results = <ErrorPanel error={described} />;
    }
    return renderPage(
      c,
      context,
      { title: "Templates", section: "templates", status },
      <>
        <header class="page-header">
          <h1>Templates</h1>
          <p class="actions">
            <a class="button button-primary" href="/new">
              New template
            </a>
          </p>
        </header>
        <SearchForm query={query} />
        <section id="results" aria-label="Search results">
          {results}
        </section>
      </>,
    );
  });

  // The next page for "load more": its rows and a new "load more" in place of the old one.
  app.get("/templates/page", async (c) => {
    const query = browseQuery(c);
    try {
      const page = await listPage(context, query, c.req.query("nextToken") || undefined);
      const shown = shownBefore(c) + page.promptTemplates.length;
      return renderFragment(
        c,
        <>
          <TemplateRows templates={page.promptTemplates} />
          <LoadMore
            query={query}
            shown={shown}
            total={page.totalCount}
            nextToken={page.nextToken || undefined}
          />
        </>,
      );
    } catch (error) {
      const described = describeError(error);
      return renderFragment(
        c,
        <tbody class="load-more">
          <tr>
            <td colspan={4}>
              <ErrorPanel error={described} />
            </td>
          </tr>
        </tbody>,
        described.status === 502 ? 502 : 400,
      );
    }
  });
}
