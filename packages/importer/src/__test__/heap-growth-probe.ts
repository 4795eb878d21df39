import { getHeapStatistics } from "node:v8";
import { limitHeapGrowthForBulkJobs } from "../heap-growth.js";

/*
 * Allocates as an import does: objects that outlive a few scavenges (so they are promoted),
 * then die in the old generation, which fills with garbage until a full collection. Prints
 * the largest used heap seen. `limited` calls limitHeapGrowthForBulkJobs() first.
 */
if (process.argv[2] === "limited") limitHeapGrowthForBulkJobs();
const ring: unknown[] = new Array(100_000);
let largest = 0;
for (let index = 0; index < 1_500_000; index++) {
  ring[index % ring.length] = { index, payload: `${"x".repeat(200)}${index}`, list: [index] };
  if (index % 1000 === 0) largest = Math.max(largest, getHeapStatistics().used_heap_size);
}
process.stdout.write(`${largest}\n`);
