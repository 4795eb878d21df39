/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ClientAssetName } from "../internal/client-asset-names.js";
import type { ClientAssets } from "../internal/client-assets.js";
import { CSRF_HEADER } from "../internal/guard-requests.js";

export type Section = "templates" | "new" | "import";

export interface LayoutProps {
  readonly title: string;
  readonly section: Section | undefined;
  readonly csrf: string;
  readonly assets: ClientAssets;
  readonly workspaceId: string;
  readonly endpoint: string;
  /** Whether the page needs the template language in the browser (lint, preview, diff). */
  readonly templateEditor?: boolean;
  readonly notice?: Child;
  readonly children: Child;
}

/**
 * htmx, configured for a page that shows attacker-controlled text: no eval (`hx-on`, `js:`),
 * no script tags from responses, no inline style element (the CSP would refuse it), requests
 * only to this origin, and no copy of the page in localStorage (history cache off: it would
 * keep the workspace's templates and the CSRF value on disk).
 */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
});

const NAVIGATION: readonly { section: Section; href: string; label: string }[] = [
  { section: "templates", href: "/", label: "Templates" },
  { section: "new", href: "/new", label: "New template" },
  { section: "import", href: "/import", label: "Import & export" },
];

export function Layout(props: LayoutProps) {
  const asset = (name: ClientAssetName) =>
    `/assets/${name}?v=${props.assets.get(name)?.version ?? ""}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · promptmill console`}</title>
        <link rel="icon" href="data:," />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <link rel="stylesheet" href={asset("console.css")} />
        <script type="module" src={asset("console.js")} />
        {props.templateEditor ? <script type="module" src={asset("template-editor.js")} /> : null}
      </head>
      <body hx-headers={JSON.stringify({ [CSRF_HEADER]: props.csrf })}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <p class="brand">
            <a href="/">promptmill console</a>
          </p>
          <p class="workspace">
            <span class="visually-hidden">Workspace </span>
            <code>{props.workspaceId}</code>
            <span class="endpoint"> at {props.endpoint}</span>
          </p>
          <nav aria-label="Main">
            <ul>
              {NAVIGATION.map((item) => (
                <li>
                  <a
                    href={item.href}
                    aria-current={item.section === props.section ? "page" : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {props.notice}
          {props.children}
        </main>
      </body>
    </html>
  );
}
