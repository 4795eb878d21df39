import { type Command, InvalidArgumentError } from "commander";
import type { CliContext } from "../context.js";
import { examples } from "../help.js";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

function parseShell(value: string): Shell {
  if (!(SHELLS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${SHELLS.join(", ")}`);
  }
  return value as Shell;
}

export function registerCompletionCommand(program: Command, context: CliContext): void {
  program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish), made from the commands")
    .argument("<shell>", "bash, zsh or fish", parseShell)
    .addHelpText(
      "after",
      `${examples(
        "source <(promptmill completion bash)             # in ~/.bashrc",
        "promptmill completion bash > ~/.local/share/bash-completion/completions/promptmill",
        "promptmill completion zsh > ~/.zfunc/_promptmill  # a directory in $fpath",
        "promptmill completion fish > ~/.config/fish/completions/promptmill.fish",
      )}

The script is static: it completes commands, options, their fixed values and file names
without running promptmill. Saving it once is faster than sourcing it in every new shell.`,
    )
    .action(async (shell: Shell) => {
      const { completionTree } = await import("../completion/completion-tree.js");
      // serve parses its flags when it runs (they live in the service package, too heavy to
      // load for every command); the script is made rarely, so it may load them here.
      const { SERVE_FLAGS } = await import("@promptmill/service");
      const tree = completionTree(program, { serve: SERVE_FLAGS });
      const generate =
        shell === "bash"
          ? (await import("../completion/bash-completion.js")).bashCompletion
          : shell === "zsh"
            ? (await import("../completion/zsh-completion.js")).zshCompletion
            : (await import("../completion/fish-completion.js")).fishCompletion;
      context.output.raw(generate(tree));
    });
}
