import { dirname } from "node:path";

/** What the CLI was doing with a path when the operating system said no. */
export type FileAction = "read" | "write" | "create the directory" | "read the directory";

/** The fields Node puts on an error from the operating system (fs, net). */
interface SystemError {
  code: string;
  syscall?: string | undefined;
  path?: string | undefined;
  address?: string | undefined;
  port?: number | undefined;
}

function isSystemError(value: unknown): value is SystemError {
  const code = (value as { code?: unknown } | null)?.code;
  return value instanceof Error && typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

/** The first operating-system error in the chain of causes, if any. */
export function findSystemError(error: unknown): SystemError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (isSystemError(current)) return current;
    current = current.cause;
  }
  return undefined;
}

function reason(error: SystemError, action: FileAction | undefined, path: string): string {
  switch (error.code) {
    case "ENOENT":
      if (action === "write") return `the directory ${dirname(path)} does not exist`;
      if (action === "read the directory") return "no such directory";
      if (action === "create the directory") return "a directory above it does not exist";
      return "no such file";
    case "EISDIR":
      return "it is a directory, not a file";
    case "ENOTDIR":
      return action === "read the directory"
        ? "it is a file, not a directory"
        : "a part of the path is a file, not a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EEXIST":
      return "it already exists";
    case "ENOSPC":
      return "no space left on the device (the disk is full)";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EROFS":
      return "the file system is read-only";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return error.code;
  }
}

const SYSCALL_ACTIONS: Readonly<Record<string, FileAction>> = {
  open: "read",
  read: "read",
  stat: "read",
  lstat: "read",
  write: "write",
  mkdir: "create the directory",
  scandir: "read the directory",
  opendir: "read the directory",
};

/**
 * The one wording of the operating system's refusals, with the path (or the address) they
 * concern: "cannot read x.txt: no such file", "cannot listen on 127.0.0.1:8080: the port is
 * in use…". Every command's own messages and the CLI's last-resort error report use it, so a
 * missing file reads the same whichever command met it. `undefined` when the error is not
 * one the operating system gave.
 */
export function describeSystemError(
  error: unknown,
  context: { action?: FileAction; path?: string } = {},
): string | undefined {
  const found = findSystemError(error);
  if (found === undefined) return undefined;
  if (found.syscall === "listen" || found.syscall === "bind") {
    const where = `${found.address ?? "127.0.0.1"}:${found.port ?? "?"}`;
    if (found.code === "EADDRINUSE") {
      return `cannot listen on ${where}: the port is already in use by another program (pick another with --port, or --port 0 for any free one)`;
    }
    if (found.code === "EADDRNOTAVAIL") {
      return `cannot listen on ${where}: ${found.address} is not an address of this machine`;
    }
    if (found.code === "EACCES") {
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges)`;
    }
    return `cannot listen on ${where}: ${found.code}`;
  }
  const path = context.path ?? found.path;
  const action = context.action ?? SYSCALL_ACTIONS[found.syscall ?? ""];
  const subject = path === undefined ? "" : ` ${path}`;
  return `cannot ${action ?? "use"}${subject}: ${reason(found, action, path ?? ".")}`;
}
