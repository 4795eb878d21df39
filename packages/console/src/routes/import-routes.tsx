/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { readFile } from "node:fs/promises";
import type { TemplateType } from "@promptmill/core";
import type { OnExisting } from "@promptmill/importer";
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { type ConsoleContext, renderFragment, renderPage } from "../internal/console-context.js";
import { describeError } from "../internal/describe-error.js";
import { exportCsv } from "../internal/export-csv.js";
import type { PlanResult } from "../internal/import-jobs.js";
import { ExportForm, PlanView, ProgressView, UploadForm } from "../views/import-views.js";
import { ErrorPanel } from "../views/notice.js";

/** `attachment` with a name browsers keep: ASCII for old ones, UTF-8 (RFC 6266) for the rest. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\w.-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function baseName(fileName: string): string {
  return fileName.replace(/\.csv$/i, "") || "templates";
}

export function registerImportRoutes(app: Hono, context: ConsoleContext): void {
  const importPage = (c: Context, result: Child, status: 200 | 400 | 404 | 409 | 422 | 502 = 200) =>
    renderPage(
      c,
      context,
      { title: "Import & export", section: "import", status },
      <>
        <header class="page-header">
          <h1>Import &amp; export</h1>
        </header>
        <div class="columns">
          <section class="column" aria-labelledby="import-heading">
            <h2 id="import-heading">Import a CSV file</h2>
            <p>
              Every row is checked first; the plan shows what would happen to each, and nothing is
              sent until you apply it. The same import engine as <code>promptmill import</code>:
              each template is created once, even when the file is applied again.
            </p>
            <UploadForm csrf={context.secrets.csrf} />
          </section>
          <section class="column" aria-labelledby="export-heading">
            <h2 id="export-heading">Export the workspace</h2>
            <p>
              A CSV file of <code>name,content,variables</code> that imports back unchanged, here or
              with <code>promptmill import</code>.
            </p>
            <ExportForm />
          </section>
        </div>
        <div id="import-result" aria-live="polite">
          {result}
        </div>
      </>,
    );

  app.get("/import", (c) => importPage(c, null));

  app.post("/import", async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    const onExisting: OnExisting =
      body.onExisting === "update" || body.onExisting === "fail" ? body.onExisting : "skip";
    if (!(file instanceof File) || file.size === 0) {
      return importPage(
        c,
        <p class="notice notice-error" role="alert">
          Choose a CSV file to check.
        </p>,
        400,
      );
    }
    const job = await context.imports.upload(file.name, new Uint8Array(await file.arrayBuffer()));
    let result: PlanResult;
    try {
      result = await context.imports.plan(job, onExisting);
    } catch (error) {
      const described = describeError(error);
      return importPage(c, <ErrorPanel error={described} />, described.status === 502 ? 502 : 400);
    }
    if (result.setupError) {
      return importPage(
        c,
        <p class="notice notice-error" role="alert">
          <code>{result.setupError.name}</code>: {result.setupError.message}
        </p>,
        422,
      );
    }
    const { plan } = result;
    return importPage(c, <PlanView job={job} plan={plan} csrf={context.secrets.csrf} />);
  });

  app.post("/import/:job/apply", (c) => {
    const job = context.imports.get(c.req.param("job"));
    if (!job?.plan) {
      return importPage(
        c,
        <p class="notice notice-error" role="alert">
          This import is not known any more: upload the file again.
        </p>,
        404,
      );
    }
    const busy = context.imports.busyWith(job);
    if (busy) {
      return importPage(
        c,
        <p class="notice notice-error" role="alert">
          Another upload of {busy.fileName} is being imported: wait for it to finish, then apply
          this one.
        </p>,
        409,
      );
    }
    context.imports.apply(job);
    return importPage(c, <ProgressView job={job} />);
  });

  app.get("/import/:job/progress", (c) => {
    const job = context.imports.get(c.req.param("job"));
    if (!job) return c.text("unknown import", 404);
    return renderFragment(c, <ProgressView job={job} />);
  });

  /** A file of the job: the run's reject file and report, the dry run's full plan. */
  const download = (kind: "rejects" | "report" | "plan" | "plan-rejects") => async (c: Context) => {
    const job = context.imports.get(c.req.param("job") ?? "");
    const path =
      kind === "rejects"
        ? job?.summary?.rejectFile
        : kind === "report"
          ? job?.summary?.reportFile
          : kind === "plan"
            ? job?.plan?.planFile
            : job?.plan?.planRejectFile;
    const bytes = path === undefined ? undefined : await readFile(path).catch(() => undefined);
    if (!job || bytes === undefined) return c.text(`no ${kind} file for this import`, 404);
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachment(`${baseName(job.fileName)}.${kind}.csv`),
    });
  };
  app.get("/import/:job/rejects.csv", download("rejects"));
  app.get("/import/:job/report.csv", download("report"));
  app.get("/import/:job/plan.csv", download("plan"));
  app.get("/import/:job/plan-rejects.csv", download("plan-rejects"));

  app.get("/export.csv", (c) => {
    const typeParam = c.req.query("type");
    const type: TemplateType | undefined =
      typeParam === "System" || typeParam === "all"
        ? typeParam === "all"
          ? undefined
          : "System"
        : "Custom";
    const name = c.req.query("q")?.trim() || undefined;
    const stream = exportCsv(
      context.client,
      { workspaceId: context.workspaceId, type, name },
      context.signal,
    );
    return c.body(stream, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachment(`${context.workspaceId}-templates.csv`),
    });
  });
}
