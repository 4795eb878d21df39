/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { CSRF_FIELD } from "../internal/guard-requests.js";

/**
 * What a browser without the session sees. Standalone (no layout, no script): nothing of the
 * workspace, and no hint of the token beyond where to find it.
 */
export function UnauthorizedPage() {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>promptmill console: sign-in link needed</title>
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main>
          <h1>This console needs its link</h1>
          <p>
            Open the address <code>promptmill console</code> printed when it started (the line
            beginning <code>console: http://127.0.0.1:</code>, with its <code>?token=</code>). Each
            start makes a new token.
          </p>
        </main>
      </body>
    </html>
  );
}

export function ForbiddenPage(props: { why: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>promptmill console: request refused</title>
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main>
          <h1>Request refused</h1>
          <p>{props.why}.</p>
          <p>
            <a href="/">Back to the templates</a>
          </p>
        </main>
      </body>
    </html>
  );
}

export function DeleteConfirmation(props: { id: string; name: string; csrf: string }) {
  const id = encodeURIComponent(props.id);
  return (
    <section class="confirm" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">Delete “{props.name}”?</h1>
      <p>
        The template <code>{props.id}</code> is deleted from the workspace. This cannot be undone.
      </p>
      <form method="post" action={`/templates/${id}/delete`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <button type="submit" class="button-danger" autofocus>
          Delete permanently
        </button>{" "}
        <a href={`/templates/${id}`}>Cancel</a>
      </form>
    </section>
  );
}
