/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type {
  ImportPlan,
  ImportProgress,
  ImportSummary,
  OnExisting,
  PlanAction,
  PlannedRow,
} from "@promptmill/importer";
import { CSRF_FIELD } from "../internal/guard-requests.js";
import type { ImportJob } from "../internal/import-jobs.js";

const ACTION_LABELS: Readonly<Record<PlanAction, string>> = {
  create: "Create",
  update: "Update",
  skip: "Skip",
  conflict: "Conflict",
  reject: "Reject",
  done: "Done earlier",
};

const ACTIONS = Object.keys(ACTION_LABELS) as PlanAction[];

const ON_EXISTING: readonly { value: OnExisting; label: string }[] = [
  { value: "skip", label: "skip it" },
  { value: "update", label: "update its content" },
  { value: "fail", label: "reject the row" },
];

export function UploadForm(props: { csrf: string }) {
  return (
    <form
      class="upload"
      method="post"
      action="/import"
      enctype="multipart/form-data"
      hx-post="/import"
      hx-encoding="multipart/form-data"
      hx-target="#import-result"
      hx-select="#import-result"
      hx-swap="outerHTML"
    >
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <div class="field">
        <label for="import-file">CSV file</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
        <p class="help">
          Columns <code>name</code>, <code>content</code>, optional <code>variables</code>,{" "}
          <code>sample</code> and <code>var.&lt;name&gt;</code>, as <code>promptmill import</code>{" "}
          reads them.
        </p>
      </div>
      <fieldset class="field">
        <legend>When a template with the row's name exists</legend>
        {ON_EXISTING.map((option) => (
          <label class="choice">
            <input
              type="radio"
              name="onExisting"
              value={option.value}
              checked={option.value === "skip"}
            />{" "}
            {option.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="button-primary">
        Check the file
      </button>
    </form>
  );
}

function PlanRows(props: { rows: readonly PlannedRow[]; count: number }) {
  return (
    <>
      <table class="plan-rows">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Name</th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <td class="line">{row.line}</td>
              <td>{row.name}</td>
              <td>
                {row.reasons.map((reason) => (
                  <code class="reason">{reason}</code>
                ))}{" "}
                {row.message}
                {row.warnings ? <span class="warning"> {row.warnings}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.count > props.rows.length ? (
        <p class="muted">…and {props.count - props.rows.length} more.</p>
      ) : null}
    </>
  );
}

export function PlanView(props: { job: ImportJob; plan: ImportPlan; csrf: string }) {
  const { job, plan } = props;
  const sendable = plan.counts.create + plan.counts.update;
  return (
    <section class="plan" aria-labelledby="plan-heading">
      <h2 id="plan-heading">
        Plan for <span class="file-name">{job.fileName}</span>: {plan.rows} rows
      </h2>
      {plan.serviceError ? (
        <p class="notice notice-error" role="alert">
          The workspace could not be listed ({plan.serviceError.message}): names that exist count as
          new.
        </p>
      ) : null}
      {plan.resumes ? (
        <p class="notice">An earlier run of this file was found: its finished rows are done.</p>
      ) : null}
      {plan.nearDuplicates > 0 ? (
        <p class="notice" role="status">
          {plan.nearDuplicates} row{plan.nearDuplicates === 1 ? "" : "s"} have a name that reads the
          same as another row's or an existing template's (case, width, spaces or invisible
          characters aside): they are created as written; see the warnings below.
        </p>
      ) : null}
      <dl class="plan-counts">
        {ACTIONS.map((action) => (
          <div class={`plan-count plan-${action}`}>
            <dt>{ACTION_LABELS[action]}</dt>
            <dd>{plan.counts[action]}</dd>
          </div>
        ))}
      </dl>
      {ACTIONS.filter((action) => plan.counts[action] > 0).map((action) => (
        <details open={action === "reject" || action === "conflict"}>
          <summary>
            {ACTION_LABELS[action]}: {plan.counts[action]}
          </summary>
          <PlanRows rows={plan.examples[action]} count={plan.counts[action]} />
        </details>
      ))}
      <p class="downloads">
        <a class="button" href={`/import/${job.id}/plan.csv`} download>
          Download the full plan
        </a>
        {plan.counts.reject + plan.counts.conflict > 0 ? (
          <>
            {" "}
            <a class="button" href={`/import/${job.id}/plan-rejects.csv`} download>
              Download the rows it would reject
            </a>
          </>
        ) : null}
      </p>
      <form
        method="post"
        action={`/import/${job.id}/apply`}
        hx-post={`/import/${job.id}/apply`}
        hx-target="#import-result"
        hx-select="#import-result"
        hx-swap="outerHTML"
      >
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <button type="submit" class="button-primary" disabled={sendable === 0}>
          Apply: create {plan.counts.create}, update {plan.counts.update}
        </button>
      </form>
    </section>
  );
}

function Counts(props: { counts: ImportProgress | ImportSummary }) {
  const { counts } = props;
  return (
    <dl class="plan-counts">
      {(
        [
          ["Read", counts.rowsRead],
          ["Created", counts.created],
          ["Updated", counts.updated],
          ["Skipped", counts.skipped],
          ["Rejected", counts.rejected],
          ["Exists (failed)", counts.existsFailed],
          ["Failed", counts.failed],
        ] as const
      ).map(([label, value]) => (
        <div class="plan-count">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * While the import runs, this fragment asks for itself again every half second (htmx
 * polling); the finished one has no trigger, so the polling stops there.
 */
export function ProgressView(props: { job: ImportJob }) {
  const { job } = props;
  const base = `/import/${job.id}`;
  if (job.failure) {
    return (
      <section class="progress" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Import not started</h2>
        <p class="notice notice-error" role="alert">
          <code>{job.failure.name}</code>: {job.failure.message}
        </p>
      </section>
    );
  }
  const summary = job.summary;
  if (summary === undefined) {
    const progress = job.progress;
    return (
      <section
        class="progress"
        aria-labelledby="progress-heading"
        aria-busy="true"
        hx-get={`${base}/progress`}
        hx-trigger="every 500ms"
        hx-swap="outerHTML"
      >
        <h2 id="progress-heading">Importing {job.fileName}…</h2>
        <p>
          <label for="import-progress">
            {progress
              ? `${progress.rowsDone} of ${progress.rowsTotal} rows done (${progress.phase})`
              : "Starting"}
          </label>{" "}
          <progress
            id="import-progress"
            max={Math.max(1, progress?.rowsTotal ?? 1)}
            value={progress?.rowsDone ?? 0}
          />
        </p>
        {progress ? <Counts counts={progress} /> : null}
      </section>
    );
  }
  return (
    <section class="progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">
        Import {summary.status === "completed" ? "finished" : summary.status}
      </h2>
      <p role="status">
        {summary.created} created, {summary.updated} updated, {summary.skipped} skipped,{" "}
        {summary.rejected} rejected
        {summary.existsFailed > 0 ? `, ${summary.existsFailed} failed because the name exists` : ""}
        .
      </p>
      {summary.error ? (
        <p class="notice notice-error" role="alert">
          {summary.error.code ? <code>{summary.error.code}</code> : null} {summary.error.message}
        </p>
      ) : null}
      <Counts counts={summary} />
      <p class="downloads">
        {summary.rejected + summary.existsFailed > 0 ? (
          <a class="button" href={`${base}/rejects.csv`} download>
            Download the reject file
          </a>
        ) : null}{" "}
        <a class="button" href={`${base}/report.csv`} download>
          Download the report
        </a>
      </p>
    </section>
  );
}

export function ExportForm() {
  return (
    <form class="export" method="get" action="/export.csv">
      <fieldset class="field">
        <legend>Templates to export</legend>
        <label class="choice">
          <input type="radio" name="type" value="Custom" checked /> Custom (yours)
        </label>
        <label class="choice">
          <input type="radio" name="type" value="System" /> System
        </label>
        <label class="choice">
          <input type="radio" name="type" value="all" /> all
        </label>
      </fieldset>
      <div class="field">
        <label for="export-name">Name contains (optional)</label>
        <input id="export-name" name="q" type="search" autocomplete="off" />
      </div>
      <button type="submit">Download CSV</button>
    </form>
  );
}
