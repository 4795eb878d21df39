import {
  type ModelStudioClient,
  paginatePromptTemplates,
  type TemplateType,
} from "@promptmill/core";
import { EXPORT_COLUMNS, formatCsvRecord, formatExportRecord } from "@promptmill/importer";

/**
 * The workspace's templates as CSV, a page at a time, in the importer's format (the one
 * `promptmill export` writes), so a file exported here imports back unchanged, here or with
 * the CLI. The paginator fails on a repeated token.
 */
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
        controller.enqueue(encoder.encode(formatCsvRecord(EXPORT_COLUMNS)));
        return;
      }
      const page = await pages.next();
      if (page.done === true) {
        controller.close();
        return;
      }
      const records = page.value.promptTemplates.map(formatExportRecord);
      controller.enqueue(encoder.encode(records.join("")));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
