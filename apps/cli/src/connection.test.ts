import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeSignature, parseAuthorization, signaturesEqual } from "@promptmill/core";
import { type LocalService, startLocalService } from "@promptmill/service";
import {
  issuedStsCredentials,
  type StsStandIn,
  startStsStandIn,
} from "@promptmill/test-support/sts-stand-in";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./__test__/run-cli.js";

// How the CLI finds its region, endpoint and credentials, end to end: a temporary HOME with an
// aliyun CLI config, a stand-in for STS and the real local service, all on 127.0.0.1. Runs
// without --endpoint build the real Model Studio address; the loopback-only preload every CLI
// test runs with makes that host fail as it would offline, so the test sees what the CLI would
// call without calling it.

const RAM_USER = { id: "LTAIclirole000001", secret: "cli-ram-user-secret-7d1c" };
const ROLE_ARN = "acs:ram::1234567890123456:role/prompt-renderer";
const OIDC_PROVIDER_ARN = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0ffee";
const OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.cli-token.sig";
const WORKSPACE = "llm-clirole000000001";
/** What a run may never print: the RAM user's secret, the OIDC token, anything STS handed out. */
const SECRETS = [RAM_USER.secret, OIDC_TOKEN, "sts-secret-", "sts-token-"];

let directory: string;
let sts: StsStandIn;
let service: LocalService;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "promptmill-connection-"));
  sts = await startStsStandIn({
    ramUsers: { [RAM_USER.id]: RAM_USER.secret },
    oidcTokens: [OIDC_TOKEN],
    signing: { computeSignature, parseAuthorization, signaturesEqual },
  });
  // The service knows the keys STS will hand out, as Model Studio knows a role's.
  service = await startLocalService({
    port: 0,
    dataFile: join(directory, "service.sqlite"),
    accessKeys: [1, 2, 3, 4].map((n) => {
      const issued = issuedStsCredentials(n);
      return {
        accessKeyId: issued.accessKeyId,
        accessKeySecret: issued.accessKeySecret,
        workspaces: [WORKSPACE],
      };
    }),
  });
});

afterAll(async () => {
  await service.close();
  await sts.close();
  await rm(directory, { recursive: true, force: true });
});

/** A HOME of its own holding `~/.aliyun/config.json` with these profiles. */
async function homeWithProfiles(profiles: object[], current?: string): Promise<string> {
  const home = await mkdtemp(join(directory, "home-"));
  await mkdir(join(home, ".aliyun"));
  await writeFile(
    join(home, ".aliyun", "config.json"),
    JSON.stringify({ current: current ?? "", profiles }),
  );
  return home;
}

function expectNoSecret(result: { stdout: string; stderr: string }): void {
  for (const secret of SECRETS) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

const singaporeProfile = {
  name: "sg",
  mode: "AK",
  access_key_id: "LTAIclisingapore01",
  access_key_secret: "cli-sg-secret-0a9b8c",
  region_id: "ap-southeast-1",
};

describe("the region and endpoint of a run", () => {
  it("takes the profile's region_id, says so with --verbose, and never the secret", async () => {
    const home = await homeWithProfiles([singaporeProfile], "sg");
    const result = await runCli(["list", "--workspace", WORKSPACE, "--verbose"], {
      env: { HOME: home },
    });
    expect(result.stderr).toContain(
      'using aliyun CLI profile "sg" (AccessKey LTAIclisingapore01), region ap-southeast-1 (from aliyun CLI profile "sg"), endpoint https://bailian.ap-southeast-1.aliyuncs.com',
    );
    // The request went to that host (which the test's preload keeps offline).
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bailian.ap-southeast-1.aliyuncs.com");
    expect(result.stderr).not.toContain("cn-beijing");
    expect(`${result.stdout}${result.stderr}`).not.toContain(singaporeProfile.access_key_secret);
  });

  it("lets ALIBABA_CLOUD_REGION_ID win over the profile, and --region over both", async () => {
    const home = await homeWithProfiles([singaporeProfile], "sg");
    const fromEnv = await runCli(["list", "--workspace", WORKSPACE, "--verbose"], {
      env: { HOME: home, ALIBABA_CLOUD_REGION_ID: "cn-beijing" },
    });
    expect(fromEnv.stderr).toContain(
      "region cn-beijing (from ALIBABA_CLOUD_REGION_ID), endpoint https://bailian.cn-beijing.aliyuncs.com",
    );
    const fromFlag = await runCli(
      ["list", "--workspace", WORKSPACE, "--verbose", "--region", "ap-southeast-1"],
      { env: { HOME: home, ALIBABA_CLOUD_REGION_ID: "cn-beijing" } },
    );
    expect(fromFlag.stderr).toContain(
      "region ap-southeast-1 (from --region), endpoint https://bailian.ap-southeast-1.aliyuncs.com",
    );
    const bad = await runCli(["list", "--region", "Beijing"], { env: { HOME: home } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("expected a region id such as cn-beijing or ap-southeast-1");
  });

  it("names the endpoint's source instead of a region when one is given", async () => {
    const home = await homeWithProfiles([singaporeProfile], "sg");
    const result = await runCli(["list", "--workspace", WORKSPACE, "--verbose"], {
      env: { HOME: home, PROMPTMILL_ENDPOINT: "http://127.0.0.1:9" },
    });
    expect(result.stderr).toContain(
      "endpoint http://127.0.0.1:9 (from PROMPTMILL_ENDPOINT; no region needed)",
    );
  });
});

describe("role credentials", () => {
  it("assumes a RamRoleArn profile's role through STS and lists with the role's keys", async () => {
    const home = await homeWithProfiles(
      [
        {
          name: "role",
          mode: "RamRoleArn",
          access_key_id: RAM_USER.id,
          access_key_secret: RAM_USER.secret,
          ram_role_arn: ROLE_ARN,
          ram_session_name: "cli-test",
          region_id: "ap-southeast-1",
        },
      ],
      "role",
    );
    const calls = sts.calls.length;
    const result = await runCli(["list", "--type", "Custom", "--verbose", "--json"], {
      env: {
        HOME: home,
        ALIBABA_CLOUD_STS_ENDPOINT: sts.url,
        PROMPTMILL_ENDPOINT: service.endpoint,
        PROMPTMILL_WORKSPACE: WORKSPACE,
      },
    });
    expect(result.stderr).toMatch(
      /using aliyun CLI profile "role" \(AccessKey STS\.issued-\d, role acs:ram::1234567890123456:role\/prompt-renderer through STS AssumeRole, until \d{4}-/,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ totalCount: 0, promptTemplates: [] });
    expect(sts.calls.slice(calls)).toMatchObject([
      { action: "AssumeRole", signedBy: RAM_USER.id, query: { RoleArn: ROLE_ARN } },
    ]);
    expectNoSecret(result);
  });

  it("assumes a role with RRSA's OIDC variables, and says what STS refused", async () => {
    const tokenFile = join(directory, "oidc-token");
    await writeFile(tokenFile, OIDC_TOKEN);
    const env = {
      ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER_ARN,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      ALIBABA_CLOUD_STS_ENDPOINT: sts.url,
      PROMPTMILL_ENDPOINT: service.endpoint,
      PROMPTMILL_WORKSPACE: WORKSPACE,
    };
    const result = await runCli(["list", "--type", "Custom", "--verbose"], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/role .*prompt-renderer through STS AssumeRoleWithOIDC/);
    expect(result.stdout).toContain("0 of 0 templates");
    expectNoSecret(result);

    sts.refuseWith = "AuthenticationFail.OIDCToken.Expired";
    try {
      const refused = await runCli(["list"], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("AuthenticationFail.OIDCToken.Expired");
      expectNoSecret(refused);
    } finally {
      sts.refuseWith = undefined;
    }
  });
});
