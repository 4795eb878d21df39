/** The one key both benchmark processes know: the target accepts it, the load generator signs with it. */
export const BENCH_KEY = {
  accessKeyId: "LTAIbenchmarkkey0000000",
  accessKeySecret: "benchmark-secret-not-used-anywhere-else",
  workspaces: ["llm-benchcreate00000", "llm-benchlist0000000"],
};
