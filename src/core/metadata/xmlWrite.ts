/** Writing XML back out: values were decoded on reading, so everything is escaped again here. */
import { MetadataFormatError, zeroPad } from "./types";
import { type XmlNode, findNonXmlChar } from "./xml";

export function escapeXmlText(s: string): string {
  // CR is escaped because a literal one would be read back as LF (end-of-line handling, §2.11).
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

export function escapeXmlAttribute(s: string): string {
  // Tab, LF and CR are escaped because literal ones would be read back as spaces (§3.3.3).
  return escapeXmlText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/** Throws unless every character can be carried by XML 1.0. */
export function requireXmlChars(s: string, where: string, what: string): void {
  const at = findNonXmlChar(s);
  if (at >= 0) {
    const code = zeroPad((s.codePointAt(at) as number).toString(16).toUpperCase(), 4);
    throw new MetadataFormatError(where, `${what} contains U+${code} at ${at + 1}, which XML cannot carry`);
  }
}

export function serializeXmlNode(node: XmlNode): string {
  switch (node.kind) {
    case "text":
      return escapeXmlText(node.text);
    case "cdata":
      return `<![CDATA[${node.text}]]>`;
    case "comment":
      return `<!--${node.text}-->`;
    case "pi":
      return `<?${node.target}${node.data === "" ? "" : ` ${node.data}`}?>`;
    case "element": {
      const attributes = node.attributes.map((a) => ` ${a.qname}="${escapeXmlAttribute(a.value)}"`).join("");
      if (node.children.length === 0) return `<${node.qname}${attributes}/>`;
      return `<${node.qname}${attributes}>${node.children.map(serializeXmlNode).join("")}</${node.qname}>`;
    }
  }
}
