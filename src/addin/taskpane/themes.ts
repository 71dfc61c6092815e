/**
 * Fluent themes for the pane. The light theme ships with the pane; dark and high contrast are
 * fetched only for people who use them (each theme is ~20 KB of tokens).
 */
import { webLightTheme, type Theme } from "@fluentui/react-components";
import type { PaneTheme } from "./model/theme";

export function loadTheme(kind: PaneTheme): Promise<Theme> {
  if (kind === "dark")
    return import(/* webpackChunkName: "theme-dark" */ "./themeDark.js").then(
      (m) => m.theme,
      () => webLightTheme,
    );
  if (kind === "contrast")
    return import(/* webpackChunkName: "theme-contrast" */ "./themeContrast.js").then(
      (m) => m.theme,
      () => webLightTheme,
    );
  return Promise.resolve(webLightTheme);
}
