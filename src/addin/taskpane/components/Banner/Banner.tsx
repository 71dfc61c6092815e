import { mergeClasses } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useBannerStyles } from "./Banner.styles";

export type BannerIntent = "info" | "success" | "warning" | "error";

export interface BannerProps {
  intent: BannerIntent;
  title?: string;
  children: ReactNode;
  actions?: ReactNode;
  "data-testid"?: string;
  "data-scope"?: string;
}

/**
 * A message strip in Fluent's status colours. Errors are announced at once (role="alert"), the
 * rest politely (role="status"). Lighter than MessageBar, which brings its own motion library.
 */
export function Banner({ intent, title, children, actions, ...rest }: BannerProps) {
  const styles = useBannerStyles();
  return (
    <div
      className={mergeClasses(styles.root, styles[intent])}
      role={intent === "error" ? "alert" : "status"}
      data-testid={rest["data-testid"]}
      data-scope={rest["data-scope"]}
    >
      <p className={styles.body}>
        {title && <span className={styles.title}>{title}</span>}
        {children}
      </p>
      {actions && <div className={styles.actions}>{actions}</div>}
    </div>
  );
}
