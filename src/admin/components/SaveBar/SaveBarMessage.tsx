/** The bar each save outcome is shown in: a titled message, what it says, and what the admin can do. */
import * as React from "react";
import {
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  type MessageBarProps,
} from "@fluentui/react-components";

export function SaveBarMessage(props: {
  intent: MessageBarProps["intent"];
  layout?: MessageBarProps["layout"];
  testId: string;
  title: React.ReactNode;
  children: React.ReactNode;
  actions: React.ReactNode;
}) {
  return (
    <MessageBar intent={props.intent} layout={props.layout} data-testid={props.testId}>
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.children}
      </MessageBarBody>
      <MessageBarActions>{props.actions}</MessageBarActions>
    </MessageBar>
  );
}
