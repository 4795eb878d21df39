import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";

export function registerSnapshotCommand(program: Command, context: CliContext): void {
  program
    .command("snapshot")
    .description(
      "write the workspace's templates to a registry snapshot file (the fallback of createPromptRegistry, and typegen --snapshot)",
    )
    .argument("<file>", "the snapshot file (JSON), replaced as a whole")
    .addHelpText(
      "after",
      `${examples(
        "promptmill snapshot prompts.snapshot.json",
        "promptmill typegen --snapshot prompts.snapshot.json --out src/prompts.generated.ts",
      )}

Ship the file with an application and pass it as createPromptRegistry({ fallback: { snapshotFile } }):
prompts still render while the service cannot be reached. It is written by the registry itself
(registry.snapshot), so it is the format the registry reads.`,
    )
    .action(async (file: string) => {
      const { createPromptRegistry } = await import("@promptmill/core");
      const { checkWritable } = await import("../output-file.js");
      // Before listing a large workspace: a path that cannot be written is said at once.
      await checkWritable(file);
      const client = await context.client();
      const workspaceId = context.workspaceId();
      const registry = createPromptRegistry({ client, workspaceId });
      try {
        const snapshot = await registry.snapshot(file);
        const { output } = context;
        if (output.json) {
          return output.data({
            file,
            workspaceId,
            templates: snapshot.templates.length,
            takenAt: snapshot.takenAt,
          });
        }
        output.info(
          `wrote ${snapshot.templates.length} templates of ${workspaceId} to ${file} (taken ${snapshot.takenAt})`,
        );
      } finally {
        registry.close();
      }
    });
}
