/** Label metadata codecs: msip_labels header, MSIP_Label_* properties, custom.xml, LabelInfo.xml, PDF. */
export {
  type AssignmentMethod,
  type LabelRecord,
  type LabelSource,
  type LabelWrite,
  MetadataFormatError,
  formatSetDate,
  parseSetDate,
} from "./types";
export { canonicalGuid } from "./guid";
export {
  type HeaderField,
  MAX_HEADER_LENGTH,
  MSIP_LABELS_HEADER,
  decodeMailHeaderBlock,
  decodeMailHeaderFields,
  decodeMsipLabelsHeader,
  encodeMsipLabelsHeader,
  parseHeaderBlock,
  unfoldHeaderValue,
} from "./msipHeader";
export {
  type ExchangeClassification,
  type SioLabel,
  type TitusMetadataPart,
  parseMimeParameters,
  readExchangeClassification,
  readSioLabel,
  readSioLabelHistory,
  readTitusMetadata,
} from "./classificationHeaders";
export {
  MAX_PROPERTY_LENGTH,
  type PropertyPairs,
  type PropertyUpdate,
  decodeLabelProperties,
  encodeLabelProperties,
  planPropertyUpdate,
} from "./propertySet";
export {
  CUSTOM_PROPERTIES_CONTENT_TYPE,
  CUSTOM_PROPERTIES_NAMESPACE,
  CUSTOM_PROPERTIES_PART_NAME,
  CUSTOM_PROPERTIES_RELATIONSHIP_TYPE,
  CUSTOM_PROPERTY_FMTID,
  type CustomProperty,
  VARIANT_TYPES_NAMESPACE,
  customPropertyLabels,
  decodeCustomXmlLabels,
  readCustomProperties,
  updateCustomPropertiesXml,
} from "./customXml";
export {
  LABEL_INFO_CONTENT_TYPE,
  LABEL_INFO_NAMESPACE,
  LABEL_INFO_PART_NAME,
  LABEL_INFO_RELATIONSHIP_TYPE,
  type LabelRemoval,
  decodeLabelInfo,
  encodeLabelInfo,
} from "./labelInfo";
export { MAX_XML_PART_LENGTH } from "./xml";
export {
  PACKAGE_RELATIONSHIPS_PART,
  packageRelationshipTarget,
  resolvePackageTarget,
} from "./packageRelationships";
export { type LabelDisagreement, disagreements, effectiveLabels } from "./effective";
export {
  PDFX_NAMESPACE,
  type PdfLabelsInEffect,
  decodePdfInfoLabels,
  decodeXmpLabels,
  labelGuidOfKey,
  pdfLabelsInEffect,
  pdfLabelsPerTenant,
  readXmpPdfxProperties,
  updateXmpLabels,
} from "./pdfLabels";
