/**
 * Content-marking shapes shared by the policy model, the decision engine and the host adapters.
 * Field names follow `Set-Label` (ApplyContentMarkingHeader*, ApplyWaterMarking*), so a label read
 * from Graph or PowerShell maps onto them one to one.
 */

export type MarkingAlignment = "Left" | "Center" | "Right";
export type WatermarkLayout = "Horizontal" | "Diagonal";

export interface TextMarking {
  enabled: boolean;
  text: string;
  fontName?: string;
  fontSize: number;
  fontColor: string;
  alignment: MarkingAlignment;
  margin?: number;
}

export interface WatermarkMarking {
  enabled: boolean;
  text: string;
  fontName?: string;
  fontSize: number;
  fontColor: string;
  layout: WatermarkLayout;
}

export interface ContentMarking {
  header?: TextMarking;
  footer?: TextMarking;
  watermark?: WatermarkMarking;
}

export type OfficeApp = "Word" | "Excel" | "PowerPoint" | "Outlook";

export interface MarkingContext {
  app: OfficeApp;
  labelDisplayName: string;
  itemName: string;
  itemLocation: string;
  userName: string;
  userPrincipalName: string;
  eventDateTime: string /* already formatted local date/time */;
}

/** The MIP `ContentBits` flags: which marks (and protection) a label has put on the item. */
export const CONTENT_BITS = { header: 1, footer: 2, watermark: 4, encryption: 8 } as const;

export interface MarkingIssue {
  path: string;
  rule: string;
  message: string;
}
