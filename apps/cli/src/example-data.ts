import { fileURLToPath } from "node:url";

/**
 * The CSV `promptmill demo` imports, shipped in this package (`examples/`). This module sits at
 * the top of src/ on purpose: built, it lands in dist/ (the build keeps every chunk there), so
 * the file is one level up both when run from source and once installed.
 */
export const EXAMPLES_CSV = fileURLToPath(new URL("../examples/templates.csv", import.meta.url));
