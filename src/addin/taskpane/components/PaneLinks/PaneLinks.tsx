import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
  },
  link: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline", color: tokens.colorBrandForegroundLinkHover },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      borderRadius: tokens.borderRadiusSmall,
    },
  },
});

export interface PaneLinksProps {
  learnMoreUrl?: string;
  reportIssueUrl?: string;
  learnMoreText: string;
  reportIssueText: string;
}

/** The policy's "Learn more" and "Report an issue" links (https or mailto), when it has them. */
export function PaneLinks(props: PaneLinksProps) {
  const styles = useStyles();
  if (!props.learnMoreUrl && !props.reportIssueUrl) return null;
  return (
    <nav className={styles.root} aria-label={props.learnMoreText}>
      {props.learnMoreUrl && (
        <a className={styles.link} href={props.learnMoreUrl} target="_blank" rel="noopener noreferrer">
          {props.learnMoreText}
        </a>
      )}
      {props.reportIssueUrl && (
        <a className={styles.link} href={props.reportIssueUrl} target="_blank" rel="noopener noreferrer">
          {props.reportIssueText}
        </a>
      )}
    </nav>
  );
}
