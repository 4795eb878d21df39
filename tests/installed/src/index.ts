// For benchmarks elsewhere in the repo that measure what users run (the importer's runs the
// installed promptmill-worker).
export {
  type InstalledPromptmill,
  type InstallOptions,
  installPromptmill,
} from "./install-promptmill.js";
