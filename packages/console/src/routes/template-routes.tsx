/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { GetPromptTemplateResponse } from "@promptmill/core";
import { parseTemplate } from "@promptmill/core/template";
import type { Context, Hono } from "hono";
import { type ConsoleContext, renderPage } from "../internal/console-context.js";
import { describeError, type ErrorDescription } from "../internal/describe-error.js";
import { templateVersion } from "../internal/template-version.js";
import { highlightTemplate } from "../shared/highlight-template.js";
import { ErrorPanel, Notice, type NoticeMessage } from "../views/notice.js";
import { DeleteConfirmation } from "../views/simple-pages.js";
import { TemplateDetails } from "../views/template-details.js";
import { type EditorValues, TemplateEditorForm } from "../views/template-editor-form.js";

function templatePath(id: string, suffix = ""): string {
  return `/templates/${encodeURIComponent(id)}${suffix}`;
}

async function formValues(c: Context): Promise<EditorValues & { version: string | undefined }> {
  const body = await c.req.parseBody();
  const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");
  // Browsers send a textarea's line breaks as CRLF; the template keeps what the user typed.
  return {
    name: text("name"),
    content: text("content").replace(/\r\n/g, "\n"),
    version: text("version") || undefined,
  };
}

/** Why the server refuses to send a form, before asking the service; undefined when it may. */
function formProblem(values: EditorValues): string | undefined {
  if (values.name.trim() === "") return "The name is empty.";
  if (values.content === "") return "The content is empty.";
  const { errors } = parseTemplate(values.content);
  if (errors.length > 0) {
    return `The content has ${errors.length} syntax error${errors.length === 1 ? "" : "s"}: fix ${errors.length === 1 ? "it" : "them"} to save (see Lint).`;
  }
  return undefined;
}

export function registerTemplateRoutes(app: Hono, context: ConsoleContext): void {
  const { client, workspaceId, signal } = context;

  const load = async (id: string) => {
    const [template, system] = await Promise.all([
      client.getPromptTemplate({ workspaceId, promptTemplateId: id }, { signal }),
      context.systemTemplates.has(id),
    ]);
    return { template, system };
  };

  const failurePage = (c: Context, title: string, error: ErrorDescription) =>
    renderPage(
      c,
      context,
      { title, section: "templates", status: error.status },
      <>
        <h1>{title}</h1>
        <ErrorPanel error={error} />
        <p>
          <a href="/">Back to the templates</a>
        </p>
      </>,
    );

  const readOnlyPage = (c: Context, template: GetPromptTemplateResponse) =>
    renderPage(
      c,
      context,
      { title: template.name, section: "templates", status: 403 },
      <>
        <h1>{template.name}</h1>
        <p class="notice notice-error" role="alert">
          System templates are read-only: they cannot be edited or deleted.
        </p>
        <p>
          <a href={templatePath(template.promptTemplateId)}>Back to the template</a>
        </p>
      </>,
    );

  const editorPage = (
    c: Context,
    options: {
      title: string;
      action: string;
      values: EditorValues;
      stored?: GetPromptTemplateResponse;
      submitLabel: string;
      cancelHref: string;
      problem?: NoticeMessage | undefined;
      error?: ErrorDescription | undefined;
      status?: 200 | 400 | 404 | 409 | 422 | 502;
    },
  ) =>
    renderPage(
      c,
      context,
      {
        title: options.title,
        section: options.stored ? "templates" : "new",
        templateEditor: true,
        status: options.status ?? 200,
      },
      <>
        <header class="page-header">
          <h1>{options.title}</h1>
        </header>
        {options.problem ? <Notice notice={options.problem} /> : null}
        {options.error ? <ErrorPanel error={options.error} /> : null}
        <TemplateEditorForm
          action={options.action}
          csrf={context.secrets.csrf}
          values={options.values}
          highlighted={highlightTemplate(options.values.content)}
          stored={
            options.stored && {
              name: options.stored.name,
              content: options.stored.content,
              version: templateVersion(options.stored),
            }
          }
          submitLabel={options.submitLabel}
          cancelHref={options.cancelHref}
        />
      </>,
    );

  app.get("/templates/:id", async (c) => {
    const id = c.req.param("id");
    try {
      const { template, system } = await load(id);
      return renderPage(
        c,
        context,
        { title: template.name, section: "templates", templateEditor: true },
        <TemplateDetails
          template={template}
          system={system}
          highlighted={highlightTemplate(template.content)}
        />,
      );
    } catch (error) {
      return failurePage(c, "Template not available", describeError(error));
    }
  });

  app.get("/templates/:id/edit", async (c) => {
    const id = c.req.param("id");
    try {
      const { template, system } = await load(id);
      if (system) return readOnlyPage(c, template);
      return editorPage(c, {
        title: `Edit “${template.name}”`,
        action: templatePath(id),
        values: template,
        stored: template,
        submitLabel: "Save",
        cancelHref: templatePath(id),
      });
    } catch (error) {
      return failurePage(c, "Template not available", describeError(error));
    }
  });

  app.post("/templates/:id", async (c) => {
    const id = c.req.param("id");
    const values = await formValues(c);
    let stored: GetPromptTemplateResponse;
    try {
      const loaded = await load(id);
      if (loaded.system) return readOnlyPage(c, loaded.template);
      stored = loaded.template;
    } catch (error) {
      return failurePage(c, "Template not available", describeError(error));
    }
    const page = (extra: {
      problem?: NoticeMessage;
      error?: ErrorDescription;
      status: 400 | 404 | 409 | 422 | 502;
    }) =>
      editorPage(c, {
        title: `Edit “${stored.name}”`,
        action: templatePath(id),
        values,
        stored,
        submitLabel: "Save",
        cancelHref: templatePath(id),
        ...extra,
      });

    const problem = formProblem(values);
    if (problem) return page({ problem: { kind: "error", text: problem }, status: 422 });
    if (values.version !== templateVersion(stored)) {
      // The diff on the page is now against what is stored: the user sees the other change.
      return page({
        problem: {
          kind: "error",
          text: "This template changed since you opened it. The changes shown are now against the stored version; save again to replace it.",
        },
        status: 409,
      });
    }
    const changes = {
      ...(values.name !== stored.name ? { name: values.name } : {}),
      ...(values.content !== stored.content ? { content: values.content } : {}),
    };
    if (Object.keys(changes).length === 0) {
      context.notices.post({ kind: "success", text: "Nothing to save: no changes." });
      return c.redirect(templatePath(id), 303);
    }
    try {
      await client.updatePromptTemplate(
        { workspaceId, promptTemplateId: id, ...changes },
        { signal },
      );
    } catch (error) {
      const described = describeError(error);
      return page({ error: described, status: described.status });
    }
    context.notices.post({ kind: "success", text: `Saved “${values.name}”.` });
    return c.redirect(templatePath(id), 303);
  });

  app.get("/new", (c) =>
    editorPage(c, {
      title: "New template",
      action: "/templates",
      values: { name: "", content: "" },
      submitLabel: "Create",
      cancelHref: "/",
    }),
  );

  app.post("/templates", async (c) => {
    const values = await formValues(c);
    const page = (extra: {
      problem?: NoticeMessage;
      error?: ErrorDescription;
      status: 400 | 404 | 409 | 422 | 502;
    }) =>
      editorPage(c, {
        title: "New template",
        action: "/templates",
        values,
        submitLabel: "Create",
        cancelHref: "/",
        ...extra,
      });
    const problem = formProblem(values);
    if (problem) return page({ problem: { kind: "error", text: problem }, status: 422 });
    try {
      const { promptTemplateId } = await client.createPromptTemplate(
        { workspaceId, name: values.name, content: values.content },
        { signal },
      );
      context.notices.post({ kind: "success", text: `Created “${values.name}”.` });
      return c.redirect(templatePath(promptTemplateId), 303);
    } catch (error) {
      const described = describeError(error);
      return page({ error: described, status: described.status });
    }
  });

  app.get("/templates/:id/delete", async (c) => {
    const id = c.req.param("id");
    try {
      const { template, system } = await load(id);
      if (system) return readOnlyPage(c, template);
      return renderPage(
        c,
        context,
        { title: `Delete “${template.name}”`, section: "templates" },
        <DeleteConfirmation id={id} name={template.name} csrf={context.secrets.csrf} />,
      );
    } catch (error) {
      return failurePage(c, "Template not available", describeError(error));
    }
  });

  app.post("/templates/:id/delete", async (c) => {
    const id = c.req.param("id");
    try {
      const { template, system } = await load(id);
      if (system) return readOnlyPage(c, template);
      await client.deletePromptTemplate({ workspaceId, promptTemplateId: id }, { signal });
      context.notices.post({ kind: "success", text: `Deleted “${template.name}”.` });
      return c.redirect("/", 303);
    } catch (error) {
      return failurePage(c, "Could not delete the template", describeError(error));
    }
  });
}
