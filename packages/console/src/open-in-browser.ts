import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Long enough for a slow browser to start and read the launcher file. */
const LAUNCHER_LIFETIME_MS = 60_000;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * The command that opens a file in the user's browser: `$BROWSER` when set (as Python's
 * webbrowser and many CLIs honour it), else the platform's opener.
 */
function opener(file: string): [string, string[]] {
  const browser = process.env.BROWSER?.trim();
  if (browser) return [browser, [file]];
  if (process.platform === "darwin") return ["open", [file]];
  if (process.platform === "win32") return ["cmd", ["/c", "start", '""', file]];
  return ["xdg-open", [file]];
}

/**
 * Opens the console's URL in a browser without putting the token on a command line, where
 * any local user could read it in the process list (Jupyter does the same): the browser is
 * given a file, readable only by this user, that forwards to the URL. The file is removed a
 * minute later. Rejects when no opener could be started.
 */
export async function openInBrowser(url: string): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), "promptmill-console-open-"));
  const file = join(directory, "open-console.html");
  const href = escapeAttribute(url);
  await writeFile(
    file,
    `<!doctype html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0;url=${href}">\n` +
      `<title>promptmill console</title>\n<p><a href="${href}">Open the promptmill console</a></p>\n`,
    { mode: 0o600 },
  );
  const removeLater = setTimeout(() => {
    rm(directory, { recursive: true, force: true }).catch(() => {});
  }, LAUNCHER_LIFETIME_MS);
  removeLater.unref();

  const [command, args] = opener(file);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    child.once("error", (error) => {
      clearTimeout(removeLater);
      rm(directory, { recursive: true, force: true }).catch(() => {});
      reject(error);
    });
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}
