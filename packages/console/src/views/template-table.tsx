/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { PromptTemplateSummary } from "@promptmill/core";

export interface BrowseQuery {
  /** The service's name keyword. */
  readonly q: string;
  /** `""` for both types. */
  readonly type: "" | "System" | "Custom";
}

export function browseSearch(query: BrowseQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.type) params.set("type", query.type);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** One page of templates: a <tbody> of its own, so "load more" can append pages as they come. */
export function TemplateRows(props: { templates: readonly PromptTemplateSummary[] }) {
  return (
    <tbody class="template-page">
      {props.templates.map((template) => (
        <tr>
          <th scope="row" class="template-name">
            <a href={`/templates/${encodeURIComponent(template.promptTemplateId)}`}>
              {template.name}
            </a>
          </th>
          <td>
            <span class={`badge badge-${template.type.toLowerCase()}`}>{template.type}</span>
          </td>
          <td class="template-variables">
            {template.variables.length === 0 ? (
              <span class="muted">none</span>
            ) : (
              template.variables.map((name) => <code class="variable">{name}</code>)
            )}
          </td>
          <td class="template-id">
            <code>{template.promptTemplateId}</code>
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/**
 * How many are shown of how many there are, and the button for the next page while there is
 * one: the list never ends without saying so. The button replaces this <tbody> with the next
 * page and a new one of these.
 */
export function LoadMore(props: {
  query: BrowseQuery;
  shown: number;
  total: number;
  nextToken: string | undefined;
}) {
  const { query, shown, total, nextToken } = props;
  const search = nextToken ? browseSearch(query, { nextToken, shown: String(shown) }) : undefined;
  return (
    <tbody class="load-more">
      <tr>
        <td colspan={4}>
          <p class="count" id="template-count">
            {nextToken
              ? `Showing ${shown} of ${total} templates.`
              : `All ${shown} of ${total} templates shown.`}
          </p>
          {search ? (
            <a
              class="button"
              href={`/${search}`}
              hx-get={`/templates/page${search}`}
              hx-target="closest tbody"
              hx-swap="outerHTML"
            >
              Load more
            </a>
          ) : null}
        </td>
      </tr>
    </tbody>
  );
}

export function TemplateTable(props: {
  query: BrowseQuery;
  templates: readonly PromptTemplateSummary[];
  shown: number;
  total: number;
  nextToken: string | undefined;
}) {
  if (props.total === 0) {
    return (
      <p class="empty" role="status">
        {props.query.q || props.query.type
          ? "No template matches this search."
          : "This workspace has no templates yet."}
      </p>
    );
  }
  return (
    <table class="templates">
      <caption class="visually-hidden">Templates of the workspace</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Variables</th>
          <th scope="col">ID</th>
        </tr>
      </thead>
      <TemplateRows templates={props.templates} />
      <LoadMore
        query={props.query}
        shown={props.shown}
        total={props.total}
        nextToken={props.nextToken}
      />
    </table>
  );
}

export function SearchForm(props: { query: BrowseQuery }) {
  return (
    <search>
      <form
        class="search"
        action="/"
        method="get"
        hx-get="/"
        hx-target="#results"
        hx-select="#results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="input changed delay:300ms from:#search-name, change from:#search-type, submit"
      >
        <div class="field">
          <label for="search-name">Name contains</label>
          <input id="search-name" name="q" type="search" value={props.query.q} autocomplete="off" />
        </div>
        <div class="field">
          <label for="search-type">Type</label>
          <select id="search-type" name="type">
            <option value="" selected={props.query.type === ""}>
              System and Custom
            </option>
            <option value="Custom" selected={props.query.type === "Custom"}>
              Custom
            </option>
            <option value="System" selected={props.query.type === "System"}>
              System
            </option>
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
