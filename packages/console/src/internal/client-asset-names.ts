/** The browser files, by the name they are served under (`/assets/<name>`). */
export const CLIENT_ASSET_NAMES = ["console.js", "template-editor.js", "console.css"] as const;

export type ClientAssetName = (typeof CLIENT_ASSET_NAMES)[number];
