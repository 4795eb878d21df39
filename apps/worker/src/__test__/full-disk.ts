/**
 * A command that runs `program` with `directory` on a tmpfs of `kilobytes`, in a mount
 * namespace of its own (`unshare --user --map-root-user --mount`): a real file system that
 * fills up, for this process tree only, without root and with nothing to clean up. When the
 * program ends, what it wrote there is copied to `keepIn`, and its exit code passed on (99:
 * the tmpfs could not be mounted).
 */
export function onSmallDisk(
  directory: string,
  kilobytes: number,
  keepIn: string,
  program: readonly string[],
): string[] {
  const script =
    `mount -t tmpfs -o size=${kilobytes}k tmpfs ${quote(directory)} || exit 99; ` +
    `"$@"; code=$?; cp -r ${quote(directory)}/. ${quote(keepIn)}/; exit $code`;
  return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", ...program];
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
