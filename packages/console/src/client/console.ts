// On every page: htmx (configured by the page's htmx-config meta tag) and the little the
// console adds around it.
import "htmx.org";

/**
 * The first page is opened with `?token=…`; the server has exchanged it for a session cookie.
 * Taking it out of the address bar keeps it out of the history, bookmarks and screen shares.
 */
function forgetToken(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has("token")) return;
  url.searchParams.delete("token");
  window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
}

/**
 * "Load more" replaces itself with the next page: move the keyboard focus to the first
 * template of that page, instead of losing it with the button that was clicked.
 */
function focusLoadedPage(event: Event): void {
  const detail = (event as CustomEvent<{ requestConfig?: { path?: string } }>).detail;
  if (!detail.requestConfig?.path?.startsWith("/templates/page")) return;
  const pages = document.querySelectorAll<HTMLElement>("tbody.template-page");
  pages[pages.length - 1]?.querySelector<HTMLAnchorElement>("a")?.focus();
}

forgetToken();
document.addEventListener("htmx:afterSettle", focusLoadedPage);
