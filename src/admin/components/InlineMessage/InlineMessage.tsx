/** A message in the page's flow (an error, a warning, a result), with an optional title. */
import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  type MessageBarProps,
} from "@fluentui/react-components";

export interface InlineMessageProps extends Omit<MessageBarProps, "title"> {
  title?: React.ReactNode;
}

export function InlineMessage({ title, children, ...rest }: InlineMessageProps) {
  return (
    <MessageBar {...rest}>
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
