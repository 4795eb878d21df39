import type { Command } from "commander";

/** What a value completes to: a file, a directory, one of a fixed set, or anything (typed). */
export type ValueKind =
  | { kind: "file" }
  | { kind: "directory" }
  | { kind: "choice"; choices: readonly string[] }
  | { kind: "text" };

export interface CompletionOption {
  /** `-q`, `--quiet`. */
  names: readonly string[];
  description: string;
  /** Undefined for a flag that takes no value. */
  value: ValueKind | undefined;
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: readonly CompletionOption[];
  /** What its positional arguments complete to (files for `lint`, a folder for `pull`). */
  argument: ValueKind | undefined;
}

export interface CompletionTree {
  program: string;
  /** Options every command accepts (and the program itself). */
  globalOptions: readonly CompletionOption[];
  commands: readonly CompletionCommand[];
}

/** An option as commander spells it (`-q, --quiet`, `--file <path>`), with its choices. */
export interface OptionSpec {
  flags: string;
  description: string;
  choices?: readonly string[] | undefined;
}

// Placeholders name what a value is; these are the ones that are paths.
const FILE_PLACEHOLDERS = new Set(["file", "files", "path", "plan", "FILE", "shell-file"]);
const DIRECTORY_PLACEHOLDERS = new Set(["dir", "directory"]);

function valueKind(placeholder: string | undefined, choices: readonly string[] | undefined) {
  if (choices !== undefined && choices.length > 0) return { kind: "choice", choices } as const;
  if (placeholder === undefined) return undefined;
  const name = placeholder.replace(/\.\.\.$/, "");
  if (FILE_PLACEHOLDERS.has(name)) return { kind: "file" } as const;
  if (DIRECTORY_PLACEHOLDERS.has(name)) return { kind: "directory" } as const;
  return { kind: "text" } as const;
}

/** `-o, --out <file>` → names and the kind of value. */
export function completionOption(spec: OptionSpec): CompletionOption {
  const names = spec.flags.match(/--?[\w-]+/g) ?? [];
  const placeholder = /[<[]([^>\]]+)[>\]]/.exec(spec.flags)?.[1];
  return {
    names,
    description: spec.description,
    value: placeholder === undefined ? undefined : valueKind(placeholder, spec.choices),
  };
}

const HELP: CompletionOption = {
  names: ["-h", "--help"],
  description: "show help",
  value: undefined,
};

function fromCommander(option: {
  flags: string;
  description: string;
  argChoices?: string[] | undefined;
  hidden?: boolean;
}): CompletionOption | undefined {
  if (option.hidden) return undefined;
  return completionOption({
    flags: option.flags,
    description: option.description,
    choices: option.argChoices,
  });
}

/**
 * The command tree as the shells need it, read from the program commander built: the same
 * commands, options, choices and descriptions `--help` shows, so completion cannot drift from
 * them. `extraOptions` adds options a command parses itself (`serve` takes its flags from the
 * service package when it runs).
 */
export function completionTree(
  program: Command,
  extraOptions: Readonly<Record<string, readonly OptionSpec[]>> = {},
): CompletionTree {
  const globalOptions = [...program.options.flatMap((option) => fromCommander(option) ?? []), HELP];
  const commands = program.commands
    .filter((command) => !(command as unknown as { _hidden?: boolean })._hidden)
    .map((command): CompletionCommand => {
      const own = command.options.flatMap((option) => fromCommander(option) ?? []);
      const extra = (extraOptions[command.name()] ?? []).map(completionOption);
      const first = command.registeredArguments[0];
      return {
        name: command.name(),
        description: command.description(),
        options: [...own, ...extra],
        argument:
          first === undefined ? undefined : valueKind(first.name(), first.argChoices ?? undefined),
      };
    });
  return { program: program.name(), globalOptions, commands };
}
