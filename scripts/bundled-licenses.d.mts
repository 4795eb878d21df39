// Types of bundled-licenses.mjs, for the TypeScript build scripts that import it.
export interface Metafile {
  readonly inputs: Readonly<Record<string, unknown>>;
}
export function packageRoot(name: string, fromDirs: readonly string[]): string;
export function bundledPackages(metafile: Metafile): string[];
export function copyBundledLicenses(options: {
  metafile: Metafile;
  into: string;
  fromDirs: readonly string[];
}): Promise<string[]>;
