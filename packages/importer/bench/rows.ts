/** The generated rows of the benchmark, shared by the CSV it writes and the baseline loop. */
export function rowName(i: number): string {
  return `bench template ${i}`;
}

/** About 100 characters, Chinese and English, two variables: a typical prompt. */
export function rowContent(i: number): string {
  return (
    `请为\${product}写一段第${i}号产品介绍，语气\${tone}，不超过100字。` +
    `Write an introduction for \${product} in a \${tone} tone, number ${i}.`
  );
}
