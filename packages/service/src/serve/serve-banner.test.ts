import { describe, expect, it } from "vitest";
import { formatServeBanner, serveBannerJson } from "./serve-banner.js";

const developmentKey = {
  accessKeyId: "LTAIdev",
  accessKeySecret: "dev-secret",
  workspaces: ["llm-aaaaaaaaaaaaaaaa"],
};
const configured = {
  accessKeyId: "LTAIteam",
  accessKeySecret: "team-secret",
  workspaces: ["llm-bbbbbbbbbbbbbbbb", "llm-cccccccccccccccc"],
};

describe("the serve banner", () => {
  it("prints export lines a shell can run, the development key's secret included, then the ready line", () => {
    const lines = formatServeBanner({
      endpoint: "http://127.0.0.1:8080",
      database: "/data/local.sqlite",
      workspaceIds: developmentKey.workspaces,
      accessKeys: [developmentKey],
      developmentKey,
      workers: 1,
    });
    expect(lines).toEqual([
      "# promptmill local service (Model Studio prompt templates, API 2023-12-29)",
      "# data: /data/local.sqlite",
      "# workspaces: llm-aaaaaaaaaaaaaaaa",
      "# development key (kept with the data; valid only for this local service):",
      "export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIdev",
      "export ALIBABA_CLOUD_ACCESS_KEY_SECRET=dev-secret",
      "export PROMPTMILL_ENDPOINT=http://127.0.0.1:8080",
      "export PROMPTMILL_WORKSPACE=llm-aaaaaaaaaaaaaaaa",
      "ready on http://127.0.0.1:8080",
    ]);
    expect(
      lines.every(
        (line) =>
          line.startsWith("#") || line.startsWith("export ") || line.startsWith("ready on "),
      ),
    ).toBe(true);
  });

  it("never prints a configured key's secret, in text or JSON", () => {
    const input = {
      endpoint: "http://127.0.0.1:9000",
      database: "postgres://app:***@db:5432/prompts",
      workspaceIds: configured.workspaces,
      accessKeys: [configured],
      developmentKey: undefined,
      workers: 4,
    };
    const text = formatServeBanner(input).join("\n");
    expect(text).toContain("export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIteam");
    expect(text).toContain("# 4 service processes on one port");
    expect(text).not.toContain("team-secret");
    expect(text).not.toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    const json = serveBannerJson(input);
    expect(json).toEqual({
      endpoint: "http://127.0.0.1:9000",
      workspaceIds: configured.workspaces,
      database: "postgres://app:***@db:5432/prompts",
      accessKeyIds: ["LTAIteam"],
      developmentKey: null,
      workers: 4,
    });
  });
});
