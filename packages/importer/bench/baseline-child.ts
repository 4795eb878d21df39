import { ModelStudioClient } from "@promptmill/core";
import { runCreateLoop } from "./create-loop.js";
import { rowContent, rowName } from "./rows.js";

/**
 * The ceiling of an import: a plain loop of signed Creates with the client at the given
 * concurrency, in a process of its own like the worker, so both are measured the same way.
 * Usage: baseline-child.ts <endpoint> <workspace> <creates> <concurrency>, with the key in
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET. Prints one JSON line.
 */
const [endpoint, workspaceId = "", creates = "0", concurrency = "8"] = process.argv.slice(2);
const client = new ModelStudioClient({ endpoint });
await runCreateLoop(Number(creates), Number(concurrency), (i) =>
  client.createPromptTemplate({ workspaceId, name: rowName(i), content: rowContent(i) }),
);
