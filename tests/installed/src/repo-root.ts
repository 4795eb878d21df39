import { fileURLToPath } from "node:url";

/** The repository's root, whatever directory the tests or benchmarks run from. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
