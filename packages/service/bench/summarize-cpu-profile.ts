import { readFileSync } from "node:fs";
import { relative } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Sums the self time of each function in a V8 `.cpuprofile` (what `node --cpu-prof` writes)
 * and reports the largest, each with its share of the busy (non-idle) time and its time per
 * request when `requests` is given.
 */
export function summarizeCpuProfile(file: string, options: { top?: number; requests?: number }) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, number>();
  let totalMicros = 0;
  let idleMicros = 0;
  profile.samples.forEach((id, index) => {
    // A sample's delta is the time since the previous sample: charge it to this one's function.
    const micros = profile.timeDeltas[index] ?? 0;
    totalMicros += micros;
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") {
      idleMicros += micros;
      return;
    }
    const where = frame.url ? ` ${shorten(frame.url)}:${frame.lineNumber + 1}` : "";
    const name = `${frame.functionName || "(anonymous)"}${where}`;
    selfMicros.set(name, (selfMicros.get(name) ?? 0) + micros);
  });

  const busyMicros = totalMicros - idleMicros;
  const { requests } = options;
  const perRequest = (micros: number) =>
    requests ? `${(micros / requests).toFixed(2).padStart(7)} µs/req  ` : "";
  const lines = [
    `profile ${(totalMicros / 1e6).toFixed(2)} s, busy ${(busyMicros / 1e6).toFixed(2)} s${requests ? ` (${(busyMicros / requests).toFixed(1)} µs per request over ${requests} requests)` : ""}`,
  ];
  const ranked = [...selfMicros].sort((a, b) => b[1] - a[1]).slice(0, options.top ?? 40);
  for (const [name, micros] of ranked) {
    const share = ((micros / busyMicros) * 100).toFixed(1).padStart(5);
    lines.push(`${share}%  ${perRequest(micros)}${name}`);
  }
  return lines.join("\n");
}

/** Paths relative to the working directory; dependencies by package. */
function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, "");
  const inModules = path.lastIndexOf("node_modules/");
  if (inModules !== -1) return path.slice(inModules + "node_modules/".length);
  return path.startsWith("/") ? relative(process.cwd(), path) : path;
}
