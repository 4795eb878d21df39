/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { ErrorDescription } from "../internal/describe-error.js";

export interface NoticeMessage {
  readonly kind: "success" | "error";
  readonly text: string;
}

/** A one-line outcome shown at the top of the next page (saved, created, deleted). */
export function Notice(props: { notice: NoticeMessage }) {
  return (
    <p
      class={`notice notice-${props.notice.kind}`}
      role={props.notice.kind === "error" ? "alert" : "status"}
    >
      {props.notice.text}
    </p>
  );
}

/** A failed service call: the service's code, message and request id, as support asks for them. */
export function ErrorPanel(props: { error: ErrorDescription }) {
  const { error } = props;
  return (
    <div class="error-panel" role="alert">
      <p class="error-title">{error.title}</p>
      <p>
        {error.code ? <code class="error-code">{error.code}</code> : null}
        {error.code ? ": " : null}
        {error.message}
      </p>
      {error.requestId ? (
        <p class="error-request">
          Request id <code>{error.requestId}</code>
        </p>
      ) : null}
    </div>
  );
}
