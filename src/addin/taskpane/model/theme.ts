/**
 * Which Fluent theme the pane uses: Office's own theme where the host reports one (Outlook's dark
 * mode, Office's black theme), the system's forced colours (Windows high contrast) above all.
 */
export type PaneTheme = "light" | "dark" | "contrast";

export interface OfficeThemeLike {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  isDarkTheme?: boolean;
}

/** Relative luminance of `#rrggbb` (WCAG), or null for anything else. */
export function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return null;
  const [r, g, b] = m.slice(1, 4).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function pickTheme(officeTheme: OfficeThemeLike | null, forcedColors: boolean): PaneTheme {
  if (forcedColors) return "contrast";
  if (!officeTheme) return "light";
  if (typeof officeTheme.isDarkTheme === "boolean") return officeTheme.isDarkTheme ? "dark" : "light";
  const l = luminance(officeTheme.bodyBackgroundColor);
  return l !== null && l < 0.2 ? "dark" : "light";
}
