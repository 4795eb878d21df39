import { ModelStudioClient } from "@promptmill/core";
import { applyPromptFolder } from "../apply-prompt-folder.js";

/*
 * Applies a folder from its own process, so that a test can SIGKILL it at any moment:
 * PROMPTMILL_ENDPOINT, PROMPTMILL_WORKSPACE, ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, and the folder
 * as the first argument. One request at a time, so that kills land between any two of them.
 */
const client = new ModelStudioClient({ endpoint: process.env.PROMPTMILL_ENDPOINT });
const result = await applyPromptFolder({
  client,
  workspaceId: process.env.PROMPTMILL_WORKSPACE ?? "",
  dir: process.argv[2] ?? "",
  prune: true,
  concurrency: 1,
});
process.stdout.write(`${JSON.stringify({ failed: result.failed.length })}\n`);
