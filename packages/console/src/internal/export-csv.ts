import {
  type ModelStudioClient,
  paginatePromptTemplates,
  type TemplateType,
} from "@promptmill/core";
import { stringify } from "csv-stringify/sync";

/** The columns `promptmill export` writes and the importer reads back. */
export const EXPORT_HEADER = ["name", "content", "variables"] as const;

/**
 * One record as `promptmill export` writes it (RFC 4180, CRLF, variables joined by `;`, any
 * line break quoted so no reader takes it for the end of a record), so a file exported from
 * the console imports back unchanged, here or with the CLI.
 */
export function formatCsvRecord(fields: readonly string[]): string {
  return stringify([fields as string[]], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** The workspace's templates as CSV, a page at a time (the paginator fails on a repeated token). */
export function exportCsv(
  client: ModelStudioClient,
  request: { workspaceId: string; type: TemplateType | undefined; name: string | undefined },
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = paginatePromptTemplates(
    client,
    {
      workspaceId: request.workspaceId,
      maxResults: 100,
      ...(request.type ? { type: request.type } : {}),
      ...(request.name ? { name: request.name } : {}),
    },
    { signal },
  );
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(formatCsvRecord(EXPORT_HEADER)));
        return;
      }
      const page = await pages.next();
      if (page.done === true) {
        controller.close();
        return;
      }
      const records = page.value.promptTemplates.map((template) =>
        formatCsvRecord([template.name, template.content, template.variables.join(";")]),
      );
      controller.enqueue(encoder.encode(records.join("")));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
