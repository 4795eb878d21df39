import { inspect } from "node:util";

/** Where a set of credentials came from, so messages can say which one was used. */
export type CredentialSource =
  | "explicit"
  | "provider"
  | "environment"
  | "aliyun-cli-config"
  | "credentials-file";

/** Credentials as a caller passes them in. */
export interface CredentialsInput {
  accessKeyId: string;
  accessKeySecret: string;
  /** Present for STS (temporary) credentials. */
  securityToken?: string | undefined;
}

export interface CredentialsInit extends CredentialsInput {
  source: CredentialSource;
  profile?: string | undefined;
  /** For a role's temporary credentials: the role, and how STS was asked for them. */
  role?: AssumedRole | undefined;
  /** When temporary credentials stop working. */
  expiration?: Date | undefined;
}

export interface AssumedRole {
  readonly arn: string;
  readonly via: "AssumeRole" | "AssumeRoleWithOIDC";
}

const MASK = "****";

/**
 * Resolved credentials. The secret and the security token live in private fields, so
 * `toString()`, `JSON.stringify`, `util.inspect`, spreading and logging show the AccessKey ID
 * and `****`, never them; only the explicit getters hand them out (to the signer).
 */
export class Credentials {
  readonly accessKeyId: string;
  readonly source: CredentialSource;
  /** The aliyun CLI profile or credentials-file section the credentials were read from. */
  readonly profile: string | undefined;
  readonly role: AssumedRole | undefined;
  readonly expiration: Date | undefined;
  readonly #accessKeySecret: string;
  readonly #securityToken: string | undefined;

  constructor(init: CredentialsInit) {
    this.accessKeyId = init.accessKeyId;
    this.source = init.source;
    this.profile = init.profile;
    this.role = init.role;
    this.expiration = init.expiration;
    this.#accessKeySecret = init.accessKeySecret;
    this.#securityToken = init.securityToken || undefined;
  }

  get accessKeySecret(): string {
    return this.#accessKeySecret;
  }

  get securityToken(): string | undefined {
    return this.#securityToken;
  }

  toJSON(): Record<string, string> {
    const json: Record<string, string> = {
      accessKeyId: this.accessKeyId,
      accessKeySecret: MASK,
      source: this.source,
    };
    if (this.#securityToken !== undefined) json.securityToken = MASK;
    if (this.profile !== undefined) json.profile = this.profile;
    if (this.role !== undefined) json.role = `${this.role.arn} (${this.role.via})`;
    if (this.expiration !== undefined) json.expiration = this.expiration.toISOString();
    return json;
  }

  /** Where these came from, for people (`--verbose`): never a secret. */
  describeSource(): string {
    const where =
      this.source === "aliyun-cli-config"
        ? `aliyun CLI profile "${this.profile}"`
        : this.source === "credentials-file"
          ? `credentials file section [${this.profile}]`
          : this.source;
    const role =
      this.role === undefined ? "" : `, role ${this.role.arn} through STS ${this.role.via}`;
    const until = this.expiration === undefined ? "" : `, until ${this.expiration.toISOString()}`;
    return `${where} (AccessKey ${this.accessKeyId}${role}${until})`;
  }

  toString(): string {
    const profile =
      (this.profile === undefined ? "" : `, profile=${this.profile}`) +
      (this.role === undefined ? "" : `, role=${this.role.arn}`);
    return `Credentials(accessKeyId=${this.accessKeyId}, accessKeySecret=${MASK}${
      this.#securityToken === undefined ? "" : `, securityToken=${MASK}`
    }, source=${this.source}${profile})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
