// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings under test are `${var}` templates.
// Run by compile.test.ts in a child process started with --disallow-code-generation-from-strings.
import { compileTemplate } from "../compile.js";

const outputs: string[] = [];
for (const mode of ["strict", "lenient", "keep"] as const) {
  const render = compileTemplate("你好 ${name}，${ missing }!", { mode });
  let output = "";
  for (let index = 0; index < 100; index++) {
    try {
      output = render({ name: `n${index}` });
    } catch (error) {
      output = (error as Error).name;
    }
  }
  outputs.push(output);
}
let codeGenerationAllowed = true;
try {
  new Function("return 1");
} catch {
  codeGenerationAllowed = false;
}
process.stdout.write(JSON.stringify({ outputs, codeGenerationAllowed }));
